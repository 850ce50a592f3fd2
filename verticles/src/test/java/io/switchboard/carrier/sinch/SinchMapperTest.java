package io.switchboard.carrier.sinch;

import static io.switchboard.carrier.sinch.SinchFixtures.WEBHOOK_BASE;
import static io.switchboard.carrier.sinch.SinchFixtures.webhook;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Each Sinch row of the state-mapping table, the delivery report statuses, unknown types and our id. */
class SinchMapperTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final SinchMapper mapper = new SinchMapper();

    /** Shape of sinch-sdk-java's {@code DisconnectedCallEventDto} fixture. */
    private static String dice(String result, String reason, String custom) {
        return "{\"event\":\"dice\",\"callid\":\"a call id\",\"timestamp\":\"2024-01-19T12:49:53Z\",\"reason\":\""
                + reason + "\",\"result\":\"" + result + "\",\"version\":1,\"custom\":\"" + custom + "\","
                + "\"debit\":{\"currencyId\":\"EUR\",\"amount\":0.1758},\"userRate\":{\"currencyId\":\"USD\","
                + "\"amount\":0.345},\"to\":{\"type\":\"number\",\"endpoint\":\"123456789\"},"
                + "\"applicationKey\":\"an app key\",\"duration\":17,\"from\":\"private\"}";
    }

    private WebhookMapping map(String path, String body) {
        return mapper.map(webhook(WEBHOOK_BASE + path, path, body, Map.of("Content-Type", "application/json")), NOW);
    }

    @Test
    void aceIsAnsweredAndRepliesContinue() {
        WebhookMapping mapping = map("/voice", "{\"event\":\"ace\",\"callid\":\"a call id\",\"timestamp\":"
                + "\"2024-01-19T12:49:53Z\",\"version\":1,\"custom\":\"call-123\",\"applicationKey\":\"k\","
                + "\"amd\":{\"status\":\"human\",\"reason\":\"longgreeting\",\"duration\":15}}");
        CarrierEvent event = mapping.events().get(0);
        assertEquals(Service.VOICE, event.service());
        assertEquals(CallState.ANSWERED, event.callState());
        assertEquals("call-123", event.id());
        assertEquals("a call id", event.carrierCallId());
        assertEquals(Instant.parse("2024-01-19T12:49:53Z"), event.occurredAt());
        assertEquals(200, mapping.reply().status());
        assertEquals("application/json", mapping.reply().contentType());
        assertEquals("{\"action\":{\"name\":\"continue\"}}", mapping.reply().body());
    }

    @ParameterizedTest
    @CsvSource({"ANSWERED,CALLEEHANGUP,COMPLETED", "ANSWERED,MANAGERHANGUP,COMPLETED", "BUSY,N/A,BUSY",
        "NOANSWER,TIMEOUT,NO_ANSWER", "NOANSWER,CANCEL,CANCELED", "N/A,CANCEL,CANCELED", "FAILED,N/A,FAILED",
        "FAILED,BLOCKED,FAILED", "FAILED,GENERALERROR,FAILED", "N/A,N/A,FAILED", "SOMETHINGNEW,N/A,FAILED"})
    void diceResultsAndReasons(String result, String reason, CallState expected) {
        WebhookMapping mapping = map("/voice", dice(result, reason, "call-123"));
        CarrierEvent event = mapping.events().get(0);
        assertEquals(expected, event.callState());
        assertEquals("dice/" + result + "/" + reason, event.rawStatus());
        assertEquals("call-123", event.id());
        assertEquals("a call id/dice", event.dedupeKey());
        assertEquals(expected == CallState.COMPLETED ? Integer.valueOf(17) : null, event.durationS());
        assertNull(mapping.reply());
    }

    @Test
    void ourIdPrefersThePath() {
        assertEquals("call-9", map("/voice/call-9", dice("BUSY", "N/A", "call-123")).events().get(0).id());
    }

    @Test
    void zonelessTimestampIsUtc() {
        String body = dice("BUSY", "N/A", "c").replace("2024-01-19T12:49:53Z", "2024-01-08T09:48:12");
        assertEquals(Instant.parse("2024-01-08T09:48:12Z"), map("/voice", body).events().get(0).occurredAt());
    }

    @Test
    void iceIsUnknownAndHungUpPieAndNotifyAreUnknown() {
        WebhookMapping ice = map("/voice", "{\"event\":\"ice\",\"callid\":\"x\",\"cli\":\"+46\"}");
        assertEquals(List.of("ice"), ice.unknownTypes());
        assertEquals("{\"action\":{\"name\":\"hangup\"}}", ice.reply().body());
        assertEquals(List.of("pie"), map("/voice", "{\"event\":\"pie\",\"callid\":\"x\"}").unknownTypes());
        assertEquals(List.of("notify"), map("/voice", "{\"event\":\"notify\",\"callid\":\"x\"}").unknownTypes());
    }

    private static String report(String status, String clientReference) {
        return "{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"01FC66621XXXXX119Z8PMV1QPQ\","
                + "\"recipient\":\"+442071838750\",\"code\":402,\"status\":\"" + status + "\",\"at\":"
                + "\"2026-03-02T09:59:58.123Z\",\"operator_status_at\":\"2026-03-02T09:59:57Z\",\"client_reference\":\""
                + clientReference + "\",\"number_of_message_parts\":1,\"encoding\":\"GSM\"}";
    }

    @ParameterizedTest
    @CsvSource({"Queued,QUEUED", "Dispatched,SENT", "Delivered,DELIVERED", "Aborted,FAILED", "Cancelled,FAILED",
        "Failed,FAILED", "Expired,FAILED", "Rejected,FAILED", "Deleted,FAILED"})
    void deliveryReportStatuses(String status, MessageState expected) {
        CarrierEvent event = map("/sms/msg-456", report(status, "other")).events().get(0);
        assertEquals(Service.SMS, event.service());
        assertEquals(expected, event.messageState());
        assertEquals("msg-456", event.id());
        assertEquals("01FC66621XXXXX119Z8PMV1QPQ", event.carrierCallId());
        assertEquals(Instant.parse("2026-03-02T09:59:58.123Z"), event.occurredAt());
        assertEquals(expected == MessageState.FAILED ? "402" : null, event.carrierCode());
    }

    @Test
    void reportIdFallsBackToClientReference() {
        assertEquals("msg-789", map("/sms", report("Delivered", "msg-789")).events().get(0).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Unknown"})
    void unknownStatusIsUnknown(String status) {
        assertEquals(List.of("recipient_delivery_report_sms/" + status), map("/sms/m", report(status, "x")).unknownTypes());
    }

    @Test
    void otherReportTypesAreUnknown() {
        assertEquals(List.of("delivery_report_sms"), map("/sms/m",
                "{\"type\":\"delivery_report_sms\",\"batch_id\":\"b\",\"statuses\":[]}").unknownTypes());
        assertTrue(map("/sms/m", "{\"type\":\"delivery_report_sms\"}").events().isEmpty());
    }

    @Test
    void unreadableBodyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> map("/voice", ""));
    }
}
