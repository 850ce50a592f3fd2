package io.switchboard.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.switchboard.contract.Json;
import org.junit.jupiter.api.Test;

class EnumJsonTest {

    private static String json(Object value) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(value);
    }

    @Test
    void lowerSnakeNames() throws JsonProcessingException {
        assertEquals("\"voice\"", json(Service.VOICE));
        assertEquals("\"mms\"", json(Service.MMS));
        assertEquals("\"half_open\"", json(BreakerState.HALF_OPEN));
        assertEquals("\"over_concurrency\"", json(ExclusionReason.OVER_CONCURRENCY));
        assertEquals("\"retryable_failure\"", json(AttemptOutcome.RETRYABLE_FAILURE));
        assertEquals("\"fixed_line_or_mobile\"", json(NumberType.FIXED_LINE_OR_MOBILE));
    }

    @Test
    void roundTrips() throws JsonProcessingException {
        for (Service s : Service.values()) {
            assertEquals(s, Json.mapper().readValue(json(s), Service.class));
        }
        for (BreakerState s : BreakerState.values()) {
            assertEquals(s, Json.mapper().readValue(json(s), BreakerState.class));
        }
        for (ExclusionReason s : ExclusionReason.values()) {
            assertEquals(s, Json.mapper().readValue(json(s), ExclusionReason.class));
        }
        for (AttemptOutcome s : AttemptOutcome.values()) {
            assertEquals(s, Json.mapper().readValue(json(s), AttemptOutcome.class));
        }
        for (NumberType s : NumberType.values()) {
            assertEquals(s, Json.mapper().readValue(json(s), NumberType.class));
        }
    }

    @Test
    void unknownNamesAreRejected() {
        assertThrows(JsonMappingException.class,
                () -> Json.mapper().readValue("\"telex\"", Service.class));
        assertThrows(IllegalArgumentException.class, () -> Service.fromWire("half-open"));
        assertEquals(Service.SMS, Service.fromWire("SMS"));
    }

    @Test
    void retryableOutcomes() {
        assertTrue(AttemptOutcome.RETRYABLE_FAILURE.isRetryable());
        assertTrue(AttemptOutcome.TIMEOUT.isRetryable());
        assertFalse(AttemptOutcome.SUCCESS.isRetryable());
        assertFalse(AttemptOutcome.FINAL_FAILURE.isRetryable());
        assertFalse(AttemptOutcome.CANCELED.isRetryable());
    }

    @Test
    void numberTypeCoversLibphonenumber() {
        for (var t : com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.values()) {
            assertEquals(t.name(), NumberType.of(t).name());
        }
    }
}
