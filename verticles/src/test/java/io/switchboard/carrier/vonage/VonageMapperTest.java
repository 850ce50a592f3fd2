package io.switchboard.carrier.vonage;

import static io.switchboard.carrier.vonage.VonageFixtures.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.FormBody;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Each Vonage row of the state-mapping table, the delivery receipt statuses, unknown types and our id. */
class VonageMapperTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final VonageMapper mapper = new VonageMapper();

    private static String event(String status, String extra) {
        return "{\"from\":\"447700900001\",\"to\":\"447700900000\",\"uuid\":\"63f61863-4a51-4f6b-86e1-46edebcf9356\","
                + "\"conversation_uuid\":\"CON-f972836a-550f-45fa-956c-12a2ab5b7d22\",\"status\":\"" + status + "\","
                + "\"direction\":\"outbound\",\"timestamp\":\"2020-01-01T14:00:00.000Z\"" + extra + "}";
    }

    private WebhookMapping voice(String path, String body) {
        return mapper.map(webhook("POST", path, body, Map.of("Content-Type", "application/json")), NOW);
    }

    @ParameterizedTest
    @CsvSource({"started,INITIATED", "ringing,RINGING", "answered,ANSWERED", "completed,COMPLETED", "busy,BUSY",
        "timeout,NO_ANSWER", "unanswered,NO_ANSWER", "cancelled,CANCELED", "rejected,REJECTED", "failed,FAILED"})
    void voiceStatuses(String status, CallState expected) {
        WebhookMapping mapping = voice("/voice/call-123", event(status, ""));
        CarrierEvent event = mapping.events().get(0);
        assertEquals(Service.VOICE, event.service());
        assertEquals(expected, event.callState());
        assertEquals(status, event.rawStatus());
        assertEquals("call-123", event.id());
        assertEquals("63f61863-4a51-4f6b-86e1-46edebcf9356", event.carrierCallId());
        assertEquals("63f61863-4a51-4f6b-86e1-46edebcf9356/" + status, event.dedupeKey());
        assertEquals(Instant.parse("2020-01-01T14:00:00Z"), event.occurredAt());
        assertNull(mapping.reply());
    }

    @Test
    void completedKeepsDurationAndSipCode() {
        CarrierEvent completed = voice("/voice/call-123", event("completed", ",\"start_time\":\"2020-01-01T14:00:00.000Z\","
                + "\"end_time\":\"2020-01-01T14:01:00.000Z\",\"duration\":\"60\",\"rate\":\"0.00450000\","
                + "\"price\":\"0.00450000\",\"network\":\"65512\",\"sip_code\":200")).events().get(0);
        assertEquals(60, completed.durationS());
        assertEquals(200, completed.sipCode());
        CarrierEvent busy = voice("/voice/call-123", event("busy", ",\"sip_code\":486")).events().get(0);
        assertEquals(486, busy.sipCode());
        assertNull(busy.durationS());
    }

    @ParameterizedTest
    @ValueSource(strings = {"machine", "human", "transfer", "input", "disconnected"})
    void otherVoiceStatusesAreUnknown(String status) {
        WebhookMapping mapping = voice("/voice/call-123", event(status, ""));
        assertTrue(mapping.events().isEmpty());
        assertEquals(List.of(status), mapping.unknownTypes());
    }

    @Test
    void recordingEventHasNoStatus() {
        assertEquals(List.of("recording"), voice("/voice/call-123/recording",
                "{\"recording_url\":\"https://api.nexmo.com/v1/files/x\",\"conversation_uuid\":\"CON-1\"}").unknownTypes());
    }

    private WebhookMapping receipt(String path, String status, String clientRef, String errCode) {
        FormBody form = new FormBody().add("msisdn", "447700900000").add("to", "AcmeInc").add("network-code", "12345")
                .add("messageId", "0A0000001234567B").add("price", "0.03330000").add("status", status)
                .add("scts", "2001011400").add("err-code", errCode).add("api-key", "abcd1234")
                .add("client-ref", clientRef).add("message-timestamp", "2020-01-01 12:00:00");
        return mapper.map(webhook("POST", path, form.encode(), Map.of("Content-Type", FormBody.CONTENT_TYPE)), NOW);
    }

    @ParameterizedTest
    @CsvSource({"delivered,DELIVERED", "accepted,SENT", "buffered,SENT", "expired,FAILED", "failed,FAILED",
        "rejected,FAILED"})
    void receiptStatuses(String status, MessageState expected) {
        CarrierEvent event = receipt("/sms/msg-456", status, "other-ref", "0").events().get(0);
        assertEquals(Service.SMS, event.service());
        assertEquals(expected, event.messageState());
        assertEquals("msg-456", event.id());
        assertEquals("0A0000001234567B", event.carrierCallId());
        assertEquals(Instant.parse("2020-01-01T12:00:00Z"), event.occurredAt());
        assertNull(event.carrierCode());
    }

    @Test
    void receiptKeepsErrCodeAndFallsBackToClientRef() {
        CarrierEvent failed = receipt("/sms", "failed", "msg-789", "6").events().get(0);
        assertEquals("6", failed.carrierCode());
        assertEquals("msg-789", failed.id());
        assertEquals(List.of("unknown"), receipt("/sms/msg-1", "unknown", "x", "0").unknownTypes());
    }

    @Test
    void jsonReceiptIsReadToo() {
        String body = "{\"messageId\":\"0A01\",\"status\":\"delivered\",\"client-ref\":\"msg-1\","
                + "\"message-timestamp\":\"2020-01-01 12:00:00\"}";
        CarrierEvent event = mapper.map(webhook("POST", "/sms", body, Map.of("Content-Type", "application/json")), NOW)
                .events().get(0);
        assertEquals("msg-1", event.id());
        assertEquals(MessageState.DELIVERED, event.messageState());
    }

    @Test
    void unreadableBodyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> voice("/voice/x", "<xml/>"));
    }
}
