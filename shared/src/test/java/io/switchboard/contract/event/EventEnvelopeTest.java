package io.switchboard.contract.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.Money;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    private static final Instant AT = Instant.parse("2026-11-21T18:26:12Z");

    @Test
    void exactJsonAndRoundTrip() throws JsonProcessingException {
        ObjectNode data = Json.mapper().createObjectNode().put("call_id", "call_1")
                .put("duration_seconds", 61);
        EventEnvelope e = new EventEnvelope("evt_1", EventTypes.CALL_COMPLETED, AT, "acme", data);
        String json = Json.mapper().writeValueAsString(e);
        assertEquals("{\"id\":\"evt_1\",\"type\":\"call.completed\","
                + "\"occurred_at\":\"2026-11-21T18:26:12Z\",\"tenant_id\":\"acme\","
                + "\"data\":{\"call_id\":\"call_1\",\"duration_seconds\":61}}", json);
        assertEquals(e, Json.mapper().readValue(json, EventEnvelope.class));
    }

    @Test
    void systemEventOmitsTenant() throws JsonProcessingException {
        EventEnvelope e = EventEnvelope.of(EventTypes.CARRIER_HEALTH_CHANGED, AT, null,
                Map.of("carrier", "twilio"));
        String json = Json.mapper().writeValueAsString(e);
        assertFalse(json.contains("tenant_id"));
        assertEquals(e, Json.mapper().readValue(json, EventEnvelope.class));
    }

    @Test
    void typedPayloadRoundTrip() throws JsonProcessingException {
        Attempt attempt = new Attempt("att_1", "call_1", "plivo", 1, AT, AT.plusSeconds(3),
                AttemptOutcome.RETRYABLE_FAILURE, ErrorCode.TEL_006, 503, 41, "5xx", null,
                Money.of("0.00", "USD"));
        EventEnvelope e = EventEnvelope.of(EventTypes.CALL_ATTEMPT_FAILED, AT, "acme", attempt);
        assertEquals("TEL-006", e.data().get("cause").asText());
        assertEquals("0.00", e.data().get("cost").get("amount").asText());
        EventEnvelope back = Json.mapper().readValue(Json.mapper().writeValueAsString(e),
                EventEnvelope.class);
        assertEquals(attempt, back.dataAs(Attempt.class));
        assertNotEquals(e.id(), EventEnvelope.of(e.type(), AT, "acme", attempt).id());
        assertThrows(IllegalArgumentException.class, () -> back.dataAs(Money.class));
    }

    @Test
    void dataIsCopied() {
        ObjectNode data = Json.mapper().createObjectNode().put("a", 1);
        EventEnvelope e = new EventEnvelope("evt_1", EventTypes.SMS_SENT, AT, "acme", data);
        data.put("a", 2);
        assertEquals(1, e.data().get("a").asInt());
    }

    @Test
    void validation() {
        ObjectNode data = Json.mapper().createObjectNode();
        assertThrows(IllegalArgumentException.class, () -> new EventEnvelope("evt_1",
                EventTypes.SMS_SENT, AT, null, Json.mapper().createArrayNode()));
        assertThrows(IllegalArgumentException.class,
                () -> new EventEnvelope(" ", EventTypes.SMS_SENT, AT, null, data));
        assertThrows(NullPointerException.class,
                () -> new EventEnvelope("evt_1", null, AT, null, data));
        assertThrows(IllegalArgumentException.class,
                () -> EventEnvelope.of(EventTypes.SMS_SENT, AT, null, "text"));
        assertThrows(JsonMappingException.class, () -> Json.mapper().readValue(
                "{\"id\":\"e\",\"type\":\"sms.sent\",\"occurred_at\":\"2026-11-21T18:26:12Z\","
                        + "\"data\":null}", EventEnvelope.class));
        assertThrows(JsonMappingException.class, () -> Json.mapper().readValue(
                "{\"id\":\"e\",\"type\":\"sms.sent\",\"occurred_at\":\"2026-11-21T18:26:12Z\","
                        + "\"data\":{},\"extra\":1}", EventEnvelope.class));
    }

    @Test
    void eventTypes() {
        assertEquals(11, EventTypes.ALL.size());
        assertTrue(EventTypes.ALL.contains("call.attempt.failed"));
        for (String type : EventTypes.ALL) {
            assertTrue(type.matches("[a-z]+(\\.[a-z]+)+"), type);
        }
    }
}
