package io.switchboard.carrier.exotel;

import static io.switchboard.carrier.exotel.ExotelFixtures.resource;
import static io.switchboard.carrier.exotel.ExotelFixtures.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.Service;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exotel status callbacks mapped per the state table of carrier-wire-formats.md section 0. */
class ExotelStatusMapperTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final ExotelProvider exotel = new ExotelProvider();

    /**
     * The Exotel column of the table. REJECTED and FAILED share the word {@code failed}: Exotel does
     * not tell them apart, so both map to FAILED.
     */
    @ParameterizedTest(name = "{0}: EventType={1} Status={2} legs={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
        "QUEUED,    -,        queued,      -,                  QUEUED",
        "ANSWERED,  answered, in-progress, -,                  ANSWERED",
        "COMPLETED, terminal, completed,   completed/completed, COMPLETED",
        "BUSY,      terminal, busy,        completed/busy,      BUSY",
        "NO_ANSWER, terminal, no-answer,   completed/no-answer, NO_ANSWER",
        "CANCELED,  terminal, no-answer,   completed/canceled,  CANCELED",
        "REJECTED,  terminal, failed,      completed/failed,    FAILED",
        "FAILED,    terminal, failed,      -,                   FAILED"})
    void mapsEveryCallRow(String row, String eventType, String status, String legs, CallState expected) {
        JsonObject body = new JsonObject().put("CallSid", "c5797dcbaaeed7678c4062a4a3ed2f8a").put("Status", status)
                .put("EventType", eventType).put("ConversationDuration", 12).put("CustomField", "ignored-when-path-has-id");
        if (legs != null) {
            JsonArray array = new JsonArray();
            for (String leg : legs.split("/")) {
                array.add(new JsonObject().put("Status", leg).put("OnCallDuration", 12));
            }
            body.put("Legs", array);
        }

        WebhookMapping mapping = exotel.map(webhook("/voice/call-7", "application/json", body.encode(), null), NOW);

        assertEquals(List.of(), mapping.unknownTypes(), row);
        CarrierEvent event = mapping.events().get(0);
        assertEquals(Service.VOICE, event.service());
        assertEquals(expected, event.callState(), row);
        assertEquals("call-7", event.id());
        assertEquals("c5797dcbaaeed7678c4062a4a3ed2f8a", event.carrierCallId());
        assertEquals(12, event.durationS());
        assertNull(event.sipCode());
        assertEquals(NOW, event.occurredAt());
    }

    @Test
    void documentedTerminalCallbackMapsToCompleted() {
        CarrierEvent event = exotel.map(webhook("/voice/call-8", "application/json", resource("terminal-callback.json"),
                null), NOW).events().get(0);

        assertEquals(CallState.COMPLETED, event.callState());
        assertEquals(320, event.durationS());
        assertEquals("80bfbec2d78bbbf10fb851f4fa165211:terminal:completed", event.dedupeKey());
        assertEquals("completed", event.rawStatus());
    }

    @Test
    void customFieldGivesOurIdWhenThePathDoesNot() {
        CarrierEvent event = exotel.map(webhook("", "application/json", resource("terminal-callback.json"), null), NOW)
                .events().get(0);

        assertEquals("order_12345", event.id());
    }

    @Test
    void formCallbacksAreReadToo() {
        CarrierEvent event = exotel.map(webhook("/voice/call-9", "application/x-www-form-urlencoded",
                "CallSid=c1&Status=busy&DateUpdated=2026-03-02+10%3A00%3A00&RecordingUrl=", null), NOW).events().get(0);

        assertEquals(CallState.BUSY, event.callState());
        assertEquals("call-9", event.id());
        assertNull(event.durationS());
    }

    @ParameterizedTest(name = "SMS Status={0} -> {1}")
    @CsvSource({"queued,QUEUED", "sending,QUEUED", "submitted,SENT", "sent,DELIVERED", "delivered,DELIVERED",
        "failed,FAILED", "failed_dnd,FAILED", "failed-dnd,FAILED", "undelivered,FAILED", "expired,FAILED"})
    void mapsEverySmsStatus(String status, MessageState expected) {
        CarrierEvent event = exotel.map(webhook("/sms/msg-1", "application/x-www-form-urlencoded",
                "SmsSid=s1&To=%2B919876543210&Status=" + status + "&DetailedStatusCode=24105", null), NOW).events().get(0);

        assertEquals(Service.SMS, event.service());
        assertEquals(expected, event.messageState());
        assertEquals("msg-1", event.id());
        assertEquals("s1", event.carrierCallId());
        assertEquals("s1:" + status, event.dedupeKey());
        assertEquals(expected == MessageState.FAILED ? "24105" : null, event.carrierCode());
    }

    @Test
    void documentedSmsFailureCarriesItsDetailedCode() {
        CarrierEvent event = exotel.map(webhook("", "application/x-www-form-urlencoded",
                resource("sms-failed-callback.form"), null), NOW).events().get(0);

        assertEquals(MessageState.FAILED, event.messageState());
        assertEquals("24105", event.carrierCode());
        assertEquals("msg-42", event.id(), "from CustomField");
    }

    @Test
    void unknownStatusesAreReportedNotThrown() {
        WebhookMapping call = exotel.map(webhook("/voice/c", "application/json",
                "{\"CallSid\":\"c1\",\"Status\":\"in-progress\"}", null), NOW);
        WebhookMapping sms = exotel.map(webhook("/sms/m", "application/x-www-form-urlencoded",
                "SmsSid=s1&Status=scheduled", null), NOW);

        assertEquals(List.of("in-progress"), call.unknownTypes());
        assertTrue(call.events().isEmpty());
        assertEquals(List.of("scheduled"), sms.unknownTypes());
    }

    @Test
    void unreadableBodyIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> exotel.map(webhook("/voice/c", "text/plain", "CallSid: c1", null), NOW));
    }
}
