package io.switchboard.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static final String CALL = "5f0c6a52-3f3e-4a43-9d7b-2f5f3c1b9e10";

    private static EventEnvelope event(String type, String tenant, Map<String, ?> data) {
        return EventEnvelope.of(type, Instant.parse("2026-07-01T12:00:00Z"), tenant, data);
    }

    @Test
    void emptyFilterSendsEveryEventOfTheTenantOnly() {
        EventFilter filter = EventFilter.parse("acme", null, null);
        assertTrue(filter.types().isEmpty());
        assertNull(filter.callId());
        assertTrue(filter.matches(event(EventTypes.CALL_ANSWERED, "acme", Map.of())));
        assertTrue(filter.matches(event(EventTypes.SMS_SENT, "acme", Map.of())));
        assertFalse(filter.matches(event(EventTypes.CALL_ANSWERED, "globex", Map.of())));
    }

    @Test
    void systemEventsOnlyWhenAskedForByType() {
        EventEnvelope health = event(EventTypes.CARRIER_HEALTH_CHANGED, null, Map.of("carrier", "twilio"));
        assertFalse(EventFilter.parse("acme", "", null).matches(health));
        assertFalse(EventFilter.parse("acme", "call.*", null).matches(health));
        assertTrue(EventFilter.parse("acme", "carrier.health.changed", null).matches(health));
        assertTrue(EventFilter.parse("acme", "carrier.*,call.answered", null).matches(health));
    }

    @Test
    void wildcardMatchesEveryTypeUnderItsPrefix() {
        EventFilter filter = EventFilter.parse("acme", " call.* , sms.delivered ", null);
        assertEquals(Set.of("call.*", "sms.delivered"), filter.types());
        assertTrue(filter.matches(event(EventTypes.CALL_RINGING, "acme", Map.of())));
        assertTrue(filter.matches(event(EventTypes.CALL_ATTEMPT_FAILED, "acme", Map.of())));
        assertTrue(filter.matches(event(EventTypes.SMS_DELIVERED, "acme", Map.of())));
        assertFalse(filter.matches(event(EventTypes.SMS_SENT, "acme", Map.of())));
        assertFalse(EventFilter.parse("acme", "call.attempt.*", null)
                .matches(event(EventTypes.CALL_RINGING, "acme", Map.of())));
    }

    @Test
    void callIdMatchesCallIdOrMessageId() {
        EventFilter filter = EventFilter.parse("acme", null, CALL.toUpperCase());
        assertEquals(CALL, filter.callId());
        assertTrue(filter.matches(event(EventTypes.CALL_ANSWERED, "acme", Map.of("call_id", CALL))));
        assertTrue(filter.matches(event(EventTypes.SMS_SENT, "acme", Map.of("message_id", CALL))));
        assertFalse(filter.matches(event(EventTypes.CALL_ANSWERED, "acme",
                Map.of("call_id", "00000000-0000-0000-0000-000000000001"))));
        assertFalse(filter.matches(event(EventTypes.CALL_ANSWERED, "acme", Map.of())));
        assertFalse(filter.matches(event(EventTypes.CALL_ANSWERED, "acme", Map.of("call_id", 42))));
        assertFalse(filter.matches(event(EventTypes.CALL_ANSWERED, "globex", Map.of("call_id", CALL))));
    }

    @Test
    void unknownTypesAreRejectedNamingTypes() {
        for (String bad : new String[] {"call.answerd", "*", ".*", "nope.*", "call.", "CALL.ANSWERED", "call.answered,x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EventFilter.parse("acme", bad, null), bad);
            assertTrue(e.getMessage().startsWith("types: "), e.getMessage());
        }
    }

    @Test
    void badCallIdIsRejectedNamingCallId() {
        for (String bad : new String[] {"42", "not-a-uuid", "5f0c6a52-3f3e-4a43-9d7b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EventFilter.parse("acme", null, bad), bad);
            assertTrue(e.getMessage().startsWith("call_id: "), e.getMessage());
        }
    }

    @Test
    void tenantIsRequired() {
        assertThrows(NullPointerException.class, () -> EventFilter.parse(null, null, null));
    }
}
