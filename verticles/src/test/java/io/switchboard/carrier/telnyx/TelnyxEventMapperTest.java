package io.switchboard.carrier.telnyx;

import static io.switchboard.carrier.telnyx.TelnyxTestSupport.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.Service;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Telnyx row of the state-mapping table, and what is not in it. */
class TelnyxEventMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
    private static final String OCCURRED = "2018-02-02T22:25:27.521992Z";

    private final TelnyxProvider provider = new TelnyxProvider();

    @Test
    void callInitiatedIsInitiated() {
        CarrierEvent event = single("/voice/call_1", "call.initiated", "{\"call_control_id\":\"v3:abc\","
                + "\"direction\":\"outgoing\",\"state\":\"bridging\"}");
        assertEquals(Service.VOICE, event.service());
        assertEquals(CallState.INITIATED, event.callState());
        assertEquals("call_1", event.id());
        assertEquals("v3:abc", event.carrierCallId());
        assertEquals("call.initiated", event.rawStatus());
        assertEquals("ev-1", event.dedupeKey());
        assertEquals(Instant.parse(OCCURRED), event.occurredAt());
    }

    @Test
    void callAnsweredIsAnswered() {
        CarrierEvent event = single("/voice/call_1", "call.answered", "{\"call_control_id\":\"v3:abc\","
                + "\"state\":\"answered\"}");
        assertEquals(CallState.ANSWERED, event.callState());
    }

    @ParameterizedTest
    @CsvSource({
        "normal_clearing, COMPLETED, 200",
        "time_limit, COMPLETED, 200",
        "user_busy, BUSY, 486",
        "timeout, NO_ANSWER, 480",
        "no_answer, NO_ANSWER, 408",
        "originator_cancel, CANCELED, 487",
        "call_rejected, REJECTED, 603",
        "not_found, FAILED, 404",
        "unspecified, FAILED, 503",
        "some_new_cause, FAILED, 500"})
    void callHangupByCause(String cause, CallState state, int sip) {
        CarrierEvent event = single("/voice/call_1", "call.hangup", "{\"call_control_id\":\"v3:abc\","
                + "\"hangup_cause\":\"" + cause + "\",\"hangup_source\":\"callee\",\"sip_hangup_cause\":\"" + sip + "\","
                + "\"state\":\"hangup\"}");
        assertEquals(state, event.callState());
        assertEquals("call.hangup/" + cause, event.rawStatus());
        assertEquals(sip, event.sipCode());
        assertNull(event.q850Cause());
        assertNull(event.durationS(), "Telnyx's hangup carries no answer time");
    }

    @Test
    void anUnspecifiedSipCauseIsNoSipCode() {
        CarrierEvent event = single("/voice/call_1", "call.hangup", "{\"hangup_cause\":\"unspecified\","
                + "\"sip_hangup_cause\":\"unspecified\"}");
        assertEquals(CallState.FAILED, event.callState());
        assertNull(event.sipCode());
    }

    @Test
    void theCallIdComesFromClientStateWhenThePathHasNone() {
        String state = Base64.getEncoder().encodeToString("call_from_state".getBytes(StandardCharsets.UTF_8));
        CarrierEvent event = single("", "call.answered", "{\"client_state\":\"" + state + "\"}");
        assertEquals("call_from_state", event.id());
        CarrierEvent pathWins = single("/voice/call_from_path", "call.answered", "{\"client_state\":\"" + state + "\"}");
        assertEquals("call_from_path", pathWins.id());
        assertNull(single("", "call.answered", "{\"client_state\":\"%%%\"}").id());
        assertNull(single("", "call.answered", "{}").id());
    }

    @Test
    void theVectorWebhookMapsToACompletedCall() {
        String body = CarrierTestSupport.json(TelnyxTestSupport.resource("signature-vectors.json")
                .getBytes(StandardCharsets.UTF_8)).get("telnyx_ed25519").get("raw_body").asText();
        WebhookMapping mapping = provider.map(webhook("/voice/call_9", body), NOW);
        CarrierEvent event = mapping.events().get(0);
        assertEquals(CallState.COMPLETED, event.callState());
        assertEquals("call_9", event.id());
        assertEquals("v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg", event.carrierCallId());
        assertEquals(200, event.sipCode());
        assertEquals("0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", event.dedupeKey());
        assertNull(mapping.reply());
    }

    @Test
    void messageSentIsSent() {
        CarrierEvent event = single("/sms/msg_1", "message.sent", message("sent", ""));
        assertEquals(Service.SMS, event.service());
        assertEquals(MessageState.SENT, event.messageState());
        assertEquals("msg_1", event.id());
        assertEquals("40385f64-5717-4562-b3fc-2c963f66afa6", event.carrierCallId());
        assertEquals("message.sent/sent", event.rawStatus());
        assertNull(event.carrierCode());
    }

    @ParameterizedTest
    @CsvSource({"delivered, DELIVERED", "delivery_failed, FAILED", "sending_failed, FAILED", "expired, FAILED"})
    void messageFinalizedByStatus(String status, MessageState state) {
        String errors = state == MessageState.FAILED ? "{\"code\":\"40008\",\"title\":\"Undeliverable\"}" : "";
        CarrierEvent event = single("/sms/msg_1", "message.finalized", message(status, errors));
        assertEquals(state, event.messageState());
        assertEquals("message.finalized/" + status, event.rawStatus());
        assertEquals(state == MessageState.FAILED ? "40008" : null, event.carrierCode());
    }

    @Test
    void anUnconfirmedDeliveryIsAnUnknownType() {
        WebhookMapping mapping = provider.map(webhook("/sms/msg_1", envelope("message.finalized",
                message("delivery_unconfirmed", ""))), NOW);
        assertTrue(mapping.events().isEmpty());
        assertEquals(List.of("message.finalized/delivery_unconfirmed"), mapping.unknownTypes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"call.machine.detection.ended", "call.recording.saved", "message.received",
        "streaming.started", "call.bridged"})
    void otherEventTypesAreUnknownTypes(String type) {
        WebhookMapping mapping = provider.map(webhook("/voice/call_1", envelope(type, "{}")), NOW);
        assertTrue(mapping.events().isEmpty());
        assertEquals(List.of(type), mapping.unknownTypes());
    }

    @Test
    void aMissingTimeOrIdFallsBack() {
        String body = "{\"data\":{\"event_type\":\"call.answered\",\"payload\":{\"call_control_id\":\"v3:x\"}}}";
        CarrierEvent event = provider.map(webhook("/voice/c", body), NOW).events().get(0);
        assertEquals(NOW, event.occurredAt());
        assertEquals("v3:x:call.answered", event.dedupeKey());
    }

    @Test
    void anUnreadableBodyIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> provider.map(webhook("/voice/c", "not json"), NOW));
        assertThrows(IllegalArgumentException.class, () -> provider.map(webhook("/voice/c", "{\"data\":{}}"), NOW));
        assertThrows(IllegalArgumentException.class, () -> provider.map(webhook("/voice/c", ""), NOW));
    }

    private CarrierEvent single(String path, String type, String payload) {
        WebhookMapping mapping = provider.map(webhook(path, envelope(type, payload)), NOW);
        assertEquals(1, mapping.events().size(), () -> "events of " + type + ": " + mapping);
        assertTrue(mapping.unknownTypes().isEmpty());
        return mapping.events().get(0);
    }

    private static String envelope(String type, String payload) {
        return "{\"data\":{\"event_type\":\"" + type + "\",\"id\":\"ev-1\",\"occurred_at\":\"" + OCCURRED + "\","
                + "\"payload\":" + payload + ",\"record_type\":\"event\"},\"meta\":{\"attempt\":1,"
                + "\"delivered_to\":\"https://example.com\"}}";
    }

    private static String message(String status, String errors) {
        return "{\"record_type\":\"message\",\"direction\":\"outbound\",\"id\":\"40385f64-5717-4562-b3fc-2c963f66afa6\","
                + "\"to\":[{\"phone_number\":\"+14155550100\",\"status\":\"" + status + "\"}],\"errors\":[" + errors + "]}";
    }
}
