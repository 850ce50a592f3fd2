package io.switchboard.carrier.bandwidth;

import static io.switchboard.carrier.bandwidth.BandwidthFixtures.resource;
import static io.switchboard.carrier.bandwidth.BandwidthFixtures.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierEvent;
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

/** Each Bandwidth row of the state-mapping table, the messaging types, unknown types and our id. */
class BandwidthMapperTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final BandwidthMapper mapper = new BandwidthMapper();

    private static String voice(String eventType, String extra) {
        return "{\"eventType\":\"" + eventType + "\",\"eventTime\":\"2022-06-17T22:20:00.000Z\",\"accountId\":\"9900000\","
                + "\"applicationId\":\"04e88489-df02-4e34-a0ee-27a91849555f\",\"from\":\"+15555555555\","
                + "\"to\":\"+15555555556\",\"direction\":\"outbound\","
                + "\"callId\":\"c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85\",\"startTime\":\"2022-06-17T22:19:40.375Z\","
                + "\"tag\":\"call-from-tag\"" + extra + "}";
    }

    private WebhookMapping map(String path, String body) {
        return mapper.map(webhook(path, body, Map.of()), NOW);
    }

    @Test
    void answerIsAnsweredAndRepliesWithPauseBxml() {
        WebhookMapping mapping = map("/voice/call-123/answer?pause=45",
                voice("answer", ",\"answerTime\":\"2022-06-17T22:19:50.000Z\""));
        CarrierEvent event = mapping.events().get(0);
        assertEquals(Service.VOICE, event.service());
        assertEquals(CallState.ANSWERED, event.callState());
        assertEquals("call-123", event.id());
        assertEquals("c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85", event.carrierCallId());
        assertEquals(Instant.parse("2022-06-17T22:20:00Z"), event.occurredAt());
        assertEquals("application/xml", mapping.reply().contentType());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Pause duration=\"45\"/></Response>",
                mapping.reply().body());
    }

    @Test
    void answerWithRecordingStartsRecordingBeforeThePause() {
        WebhookMapping mapping = map("/voice/call-123/answer?pause=30&record=true", voice("answer", ""));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><StartRecording/><Pause duration=\"30\"/>"
                + "</Response>", mapping.reply().body());
        WebhookMapping plain = map("/voice/call-123/answer", voice("answer", ""));
        assertTrue(plain.reply().body().contains("<Pause duration=\"60\"/>"));
    }

    @Test
    void initiateIsInitiated() {
        assertEquals(CallState.INITIATED, map("/voice/call-123", voice("initiate", "")).events().get(0).callState());
    }

    @ParameterizedTest
    @CsvSource({"hangup,COMPLETED", "busy,BUSY", "timeout,NO_ANSWER", "cancel,CANCELED", "rejected,REJECTED",
        "error,FAILED", "application-error,FAILED", "callback-error,FAILED", "invalid-bxml,FAILED",
        "account-limit,FAILED", "node-capacity-exceeded,FAILED", "unknown,FAILED", "a-new-cause,FAILED"})
    void disconnectCauses(String cause, CallState expected) {
        WebhookMapping mapping = map("/voice/call-123/disconnect", voice("disconnect", ",\"cause\":\"" + cause + "\""));
        CarrierEvent event = mapping.events().get(0);
        assertEquals(expected, event.callState());
        assertEquals("disconnect/" + cause, event.rawStatus());
        assertNull(mapping.reply());
        assertTrue(mapping.unknownTypes().isEmpty());
    }

    @Test
    void disconnectKeepsSipCodeDurationAndErrorId() {
        CarrierEvent rejected = map("/voice/call-123/disconnect", voice("disconnect",
                ",\"cause\":\"rejected\",\"sipResponseCode\":603,\"errorId\":\"4642074b\"")).events().get(0);
        assertEquals(603, rejected.sipCode());
        assertEquals("4642074b", rejected.carrierCode());
        CarrierEvent completed = map("/voice/call-123/disconnect", voice("disconnect",
                ",\"cause\":\"hangup\",\"answerTime\":\"2022-06-17T22:19:50.000Z\",\"endTime\":\"2022-06-17T22:20:32.400Z\""))
                .events().get(0);
        assertEquals(42, completed.durationS());
        assertNull(completed.sipCode());
    }

    @Test
    void ourIdComesFromTheTagWhenThePathHasNone() {
        assertEquals("call-from-tag", map("/voice", voice("disconnect", ",\"cause\":\"busy\"")).events().get(0).id());
        assertEquals("call-123", map("/voice/call-123/disconnect", voice("disconnect", ",\"cause\":\"busy\""))
                .events().get(0).id());
    }

    @Test
    void otherVoiceEventsAreUnknown() {
        WebhookMapping mapping = map("/voice/call-123", voice("dtmf", ",\"digit\":\"1\""));
        assertTrue(mapping.events().isEmpty());
        assertEquals(List.of("dtmf"), mapping.unknownTypes());
    }

    @Test
    void messagingCallbacksFromTheSpecExamples() {
        CarrierEvent delivered = map("/sms/msg-456", resource("message-delivered.json")).events().get(0);
        assertEquals(Service.SMS, delivered.service());
        assertEquals(MessageState.DELIVERED, delivered.messageState());
        assertEquals("msg-456", delivered.id());
        assertEquals("14762070468292kw2fuqty55yp2b2", delivered.carrierCallId());
        assertEquals(Instant.parse("2024-09-14T18:20:11.160744Z"), delivered.occurredAt());

        CarrierEvent failed = map("/sms/msg-456", resource("message-failed.json")).events().get(0);
        assertEquals(MessageState.FAILED, failed.messageState());
        assertEquals("4432", failed.carrierCode());

        assertEquals(MessageState.SENT, map("/sms/m", resource("message-sent.json")).events().get(0).messageState());
        assertEquals(MessageState.QUEUED, map("/sms/m", resource("message-sending.json")).events().get(0).messageState());
    }

    @Test
    void messageIdComesFromTheTagOnTheApplicationCallbackUrl() {
        String body = "[{\"type\":\"message-delivered\",\"time\":\"2024-09-14T18:20:11Z\",\"to\":\"+12345678902\","
                + "\"description\":\"ok\",\"message\":{\"id\":\"m-1\",\"tag\":\"msg-456\"}},"
                + "{\"type\":\"message-read\",\"time\":\"2024-09-14T18:20:12Z\",\"to\":\"+12345678902\","
                + "\"description\":\"read\",\"message\":{\"id\":\"m-1\",\"tag\":\"msg-456\"}}]";
        WebhookMapping mapping = map("/sms", body);
        assertEquals(1, mapping.events().size());
        assertEquals("msg-456", mapping.events().get(0).id());
        assertEquals("m-1/message-delivered", mapping.events().get(0).dedupeKey());
        assertEquals(List.of("message-read"), mapping.unknownTypes());
    }

    @Test
    void singleObjectMessagingCallbackIsReadToo() {
        String body = "{\"type\":\"message-received\",\"time\":\"2024-09-14T18:20:11Z\",\"to\":\"+1\","
                + "\"description\":\"in\",\"message\":{\"id\":\"m-2\"}}";
        assertEquals(List.of("message-received"), map("/sms", body).unknownTypes());
    }

    @Test
    void unreadableBodyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> map("/voice/x", "not json"));
        assertEquals(List.of("(none)"), map("/voice/x", "{\"hello\":1}").unknownTypes());
    }
}
