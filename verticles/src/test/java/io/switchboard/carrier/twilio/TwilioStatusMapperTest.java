package io.switchboard.carrier.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.Service;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twilio status callbacks mapped per the state table of carrier-wire-formats.md section 0. */
class TwilioStatusMapperTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final TwilioProvider twilio = new TwilioProvider();

    @ParameterizedTest(name = "CallStatus={0} SipResponseCode={1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "queued,      -,   QUEUED",
        "initiated,   -,   INITIATED",
        "ringing,     -,   RINGING",
        "in-progress, -,   ANSWERED",
        "completed,   200, COMPLETED",
        "busy,        486, BUSY",
        "no-answer,   480, NO_ANSWER",
        "canceled,    487, CANCELED",
        "busy,        603, REJECTED",
        "failed,      603, REJECTED",
        "failed,      503, FAILED",
        "failed,      -,   FAILED"})
    void mapsEveryCallRow(String status, Integer sip, CallState expected) {
        Map<String, String> params = callParams(status);
        if (sip != null) {
            params.put("SipResponseCode", sip.toString());
        }

        WebhookMapping mapping = twilio.map(form("/voice/call-1", params, null), NOW);

        assertEquals(List.of(), mapping.unknownTypes());
        CarrierEvent event = mapping.events().get(0);
        assertEquals(Service.VOICE, event.service());
        assertEquals(expected, event.callState());
        assertEquals(status, event.rawStatus());
        assertEquals(sip, event.sipCode());
        assertEquals("call-1", event.id());
        assertEquals("CA0000000000000000000000000000000a", event.carrierCallId());
    }

    @ParameterizedTest(name = "MessageStatus={0} -> {1}")
    @CsvSource({"accepted,QUEUED", "scheduled,QUEUED", "queued,QUEUED", "sending,QUEUED", "sent,SENT",
        "delivered,DELIVERED", "read,DELIVERED", "failed,FAILED", "undelivered,FAILED", "canceled,FAILED"})
    void mapsEveryMessageWord(String status, MessageState expected) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM0000000000000000000000000000000b");
        params.put("SmsSid", "SM0000000000000000000000000000000b");
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);

        CarrierEvent event = twilio.map(form("/sms/msg-9", params, null), NOW).events().get(0);

        assertEquals(Service.SMS, event.service());
        assertEquals(expected, event.messageState());
        assertEquals("msg-9", event.id());
        assertEquals("SM0000000000000000000000000000000b", event.carrierCallId());
        assertEquals("SM0000000000000000000000000000000b:" + status, event.dedupeKey());
        assertEquals(NOW, event.occurredAt());
    }

    @Test
    void finalCallCarriesDurationSipCodeTimeAndSequenceDedupeKey() {
        Map<String, String> params = callParams("completed");
        params.put("CallDuration", "42");
        params.put("SipResponseCode", "200");
        params.put("SequenceNumber", "3");
        params.put("Timestamp", "Mon, 02 Mar 2026 09:59:58 +0000");

        CarrierEvent event = twilio.map(form("/voice/call-1", params, null), NOW).events().get(0);

        assertEquals(42, event.durationS());
        assertEquals(200, event.sipCode());
        assertNull(event.q850Cause());
        assertEquals(Instant.parse("2026-03-02T09:59:58Z"), event.occurredAt());
        assertEquals("CA0000000000000000000000000000000a:completed:3", event.dedupeKey());
    }

    @Test
    void idempotencyTokenIsTheDedupeKeyWhenPresent() {
        CarrierEvent event = twilio.map(form("/voice/call-1", callParams("ringing"), "tok-123"), NOW).events().get(0);

        assertEquals("tok-123", event.dedupeKey());
    }

    @Test
    void failedMessageCarriesTheErrorCode() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM1");
        params.put("MessageStatus", "undelivered");
        params.put("ErrorCode", "30003");

        CarrierEvent event = twilio.map(form("/sms/m1", params, null), NOW).events().get(0);

        assertEquals(MessageState.FAILED, event.messageState());
        assertEquals("30003", event.carrierCode());
    }

    @Test
    void unknownStatusesAreReportedNotThrown() {
        WebhookMapping call = twilio.map(form("/voice/c", callParams("answering-machine"), null), NOW);
        Map<String, String> inbound = Map.of("MessageSid", "SM1", "MessageStatus", "received");
        WebhookMapping message = twilio.map(form("/sms/m", inbound, null), NOW);
        WebhookMapping neither = twilio.map(form("/voice/c", Map.of("CallSid", "CA1"), null), NOW);

        assertEquals(List.of("answering-machine"), call.unknownTypes());
        assertTrue(call.events().isEmpty());
        assertEquals(List.of("received"), message.unknownTypes());
        assertEquals(List.of("(none)"), neither.unknownTypes());
    }

    @Test
    void getCallbacksAreReadFromTheQuery() {
        InboundWebhook get = new InboundWebhook("GET",
                TwilioFixtures.WEBHOOKS + "/voice/c9?CallSid=CA9&CallStatus=busy&SequenceNumber=2", "/voice/c9",
                Map.of(), null, "203.0.113.7");

        CarrierEvent event = twilio.map(get, NOW).events().get(0);

        assertEquals(CallState.BUSY, event.callState());
        assertEquals("c9", event.id());
    }

    @Test
    void pathWithoutOurIdGivesANullId() {
        assertNull(twilio.map(form("/status", callParams("ringing"), null), NOW).events().get(0).id());
    }

    @Test
    void nonFormPostCannotBeRead() {
        InboundWebhook json = new InboundWebhook("POST", TwilioFixtures.WEBHOOKS + "/voice/c", "/voice/c",
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), "203.0.113.7");

        assertThrows(IllegalArgumentException.class, () -> twilio.map(json, NOW));
    }

    private static Map<String, String> callParams(String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CA0000000000000000000000000000000a");
        params.put("AccountSid", TwilioFixtures.SID);
        params.put("CallStatus", status);
        params.put("ForwardedFrom", "");
        return params;
    }

    private static InboundWebhook form(String path, Map<String, String> params, String idempotencyToken) {
        FormBody body = new FormBody();
        params.forEach(body::add);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        if (idempotencyToken != null) {
            headers.put("I-Twilio-Idempotency-Token", idempotencyToken);
        }
        return new InboundWebhook("POST", TwilioFixtures.WEBHOOKS + path, path, headers, body.bytes(), "203.0.113.7");
    }
}
