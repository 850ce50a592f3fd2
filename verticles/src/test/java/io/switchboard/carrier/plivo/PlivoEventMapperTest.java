package io.switchboard.carrier.plivo;

import static io.switchboard.carrier.plivo.PlivoTestSupport.form;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Plivo row of the state-mapping table, the answer XML, and what is not in the table. */
class PlivoEventMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
    private final PlivoProvider provider = new PlivoProvider();

    @Test
    void ringingIsRinging() {
        WebhookMapping mapping = provider.map(form("/voice/call_1/ring", call("ringing")), NOW);
        CarrierEvent event = mapping.events().get(0);
        assertEquals(Service.VOICE, event.service());
        assertEquals(CallState.RINGING, event.callState());
        assertEquals("call_1", event.id());
        assertEquals("c-uuid", event.carrierCallId());
        assertEquals("ringing", event.rawStatus());
        assertEquals("c-uuid:ringing", event.dedupeKey());
        assertEquals(NOW, event.occurredAt());
        assertNull(mapping.reply());
    }

    @Test
    void theAnswerUrlIsAnsweredAndGetsPlivoXml() {
        WebhookMapping mapping = provider.map(form("/voice/call_1/answer", call("in-progress")), NOW);
        assertEquals(CallState.ANSWERED, mapping.events().get(0).callState());
        assertEquals(200, mapping.reply().status());
        assertEquals("application/xml", mapping.reply().contentType());
        assertEquals("<Response><Wait length=\"3600\"/></Response>", mapping.reply().body());
    }

    @Test
    void theAnswerUrlGetsItsXmlEvenForAnUnknownStatus() {
        WebhookMapping mapping = provider.map(form("/voice/call_1/answer", call("early-media")), NOW);
        assertTrue(mapping.events().isEmpty());
        assertEquals(List.of("call/early-media"), mapping.unknownTypes());
        assertEquals(PlivoEventMapper.ANSWER_XML, mapping.reply());
    }

    @ParameterizedTest
    @CsvSource({
        "completed, 4000, COMPLETED",
        "busy, 3000, BUSY",
        "no-answer, 3020, NO_ANSWER",
        "timeout, 3020, NO_ANSWER",
        "cancel, 1000, CANCELED",
        "completed, 1000, CANCELED",
        "failed, 1000, CANCELED",
        "failed, 3010, REJECTED",
        "failed, 2000, FAILED",
        "failed, 1010, FAILED",
        "failed, , FAILED"})
    void hangupByStatusAndCause(String status, String cause, CallState state) {
        FormBody body = call(status).add("HangupCauseCode", cause).add("Duration", "42");
        CarrierEvent event = provider.map(form("/voice/call_1/hangup", body), NOW).events().get(0);
        assertEquals(state, event.callState());
        assertEquals("call_1", event.id());
        assertEquals(42, event.durationS());
        assertEquals(cause, event.carrierCode());
        assertEquals(cause == null ? status : status + "/" + cause, event.rawStatus());
    }

    @Test
    void theRequestUuidStandsInUntilPlivoHasACallUuid() {
        FormBody body = new FormBody().add("RequestUUID", "r-uuid").add("CallStatus", "failed")
                .add("HangupCauseCode", "2000");
        assertEquals("r-uuid", provider.map(form("/voice/call_1/hangup", body), NOW).events().get(0).carrierCallId());
    }

    @Test
    void anUnknownCallStatusIsAnUnknownType() {
        WebhookMapping mapping = provider.map(form("/voice/call_1/hangup", call("on-hold")), NOW);
        assertTrue(mapping.events().isEmpty());
        assertEquals(List.of("call/on-hold"), mapping.unknownTypes());
        assertNull(mapping.reply());
    }

    @ParameterizedTest
    @CsvSource({"queued, QUEUED", "sent, SENT", "delivered, DELIVERED", "failed, FAILED", "undelivered, FAILED",
        "rejected, FAILED"})
    void messageStatuses(String status, MessageState state) {
        FormBody body = new FormBody().add("MessageUUID", "m-uuid").add("Status", status)
                .add("ErrorCode", state == MessageState.FAILED ? "30" : null);
        CarrierEvent event = provider.map(form("/sms/msg_1", body), NOW).events().get(0);
        assertEquals(Service.SMS, event.service());
        assertEquals(state, event.messageState());
        assertEquals("msg_1", event.id());
        assertEquals("m-uuid", event.carrierCallId());
        assertEquals("m-uuid:" + status, event.dedupeKey());
        assertEquals(state == MessageState.FAILED ? "30" : null, event.carrierCode());
    }

    @Test
    void anUnknownMessageStatusIsAnUnknownType() {
        WebhookMapping mapping = provider.map(form("/sms/msg_1", new FormBody().add("MessageUUID", "m")
                .add("Status", "read")), NOW);
        assertEquals(List.of("message/read"), mapping.unknownTypes());
    }

    @Test
    void withoutOurPathTheIdIsUnknownButTheEventIsKept() {
        CarrierEvent call = provider.map(form("", call("ringing")), NOW).events().get(0);
        assertNull(call.id());
        assertEquals(CallState.RINGING, call.callState());
        CarrierEvent sms = provider.map(form("", new FormBody().add("MessageUUID", "m").add("Status", "sent")), NOW)
                .events().get(0);
        assertNull(sms.id());
        assertEquals(MessageState.SENT, sms.messageState());
    }

    @Test
    void aGetCallbackIsReadFromTheQuery() {
        InboundWebhook get = new InboundWebhook("GET", PlivoTestSupport.WEBHOOK_BASE
                + "/voice/call%201/ring?CallUUID=c&CallStatus=ringing", "/voice/call%201/ring", Map.of(), null, "::1");
        CarrierEvent event = provider.map(get, NOW).events().get(0);
        assertEquals("call 1", event.id());
        assertEquals(CallState.RINGING, event.callState());
    }

    @Test
    void aCallbackWithoutAStatusCannotBeRead() {
        assertThrows(IllegalArgumentException.class, () -> provider.map(form("/voice/c/hangup",
                new FormBody().add("CallUUID", "c")), NOW));
        assertThrows(IllegalArgumentException.class, () -> provider.map(form("/sms/m", new FormBody()
                .add("MessageUUID", "m")), NOW));
    }

    private static FormBody call(String status) {
        return new FormBody().add("Direction", "outbound").add("From", "16502530000").add("To", "14155550100")
                .add("CallUUID", "c-uuid").add("RequestUUID", "r-uuid").add("CallStatus", status);
    }
}
