package io.switchboard.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BillingIncrementTest {

    @ParameterizedTest(name = "{0}: {1} s -> {2} s")
    @CsvSource({
        "60/60, 0, 0", "60/60, 1, 60", "60/60, 60, 60", "60/60, 61, 120", "60/60, 120, 120",
        "60/60, 121, 180",
        "6/6, 0, 0", "6/6, 1, 6", "6/6, 6, 6", "6/6, 7, 12", "6/6, 59, 60", "6/6, 61, 66",
        "1/1, 0, 0", "1/1, 1, 1", "1/1, 7, 7", "1/1, 3600, 3600",
        "60/1, 0, 0", "60/1, 1, 60", "60/1, 30, 60", "60/1, 60, 60", "60/1, 61, 61",
        "60/1, 125, 125",
        "30/6, 31, 36", "30/6, 37, 42", "60/30, 61, 90", "60/30, 91, 120",
    })
    void billedSeconds(String notation, long duration, long billed) {
        assertEquals(billed, BillingIncrement.parse(notation).billedSeconds(duration));
    }

    @Test
    void parseAndToString() {
        assertEquals(new BillingIncrement(60, 1), BillingIncrement.parse("60/1"));
        assertEquals(new BillingIncrement(6, 6), BillingIncrement.parse(" 6 / 6 "));
        assertEquals("60/1", BillingIncrement.parse("60/1").toString());
        assertEquals(BillingIncrement.PER_MINUTE, BillingIncrement.parse("60/60"));
        assertEquals(BillingIncrement.PER_SECOND, BillingIncrement.parse("1/1"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"60", "60/", "/1", "60/1/1", "a/b", "-1/1", "0/1", "60/0", "1.5/1",
        "9999999999/1"})
    void rejectsBadNotation(String notation) {
        assertThrows(IllegalArgumentException.class, () -> BillingIncrement.parse(notation));
    }

    @Test
    void rejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new BillingIncrement(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BillingIncrement(60, -1));
        assertThrows(IllegalArgumentException.class,
                () -> BillingIncrement.PER_MINUTE.billedSeconds(-1));
    }

    @Test
    void jsonRoundTrip() throws JsonProcessingException {
        String json = Json.mapper().writeValueAsString(new BillingIncrement(60, 1));
        assertEquals("{\"initial_seconds\":60,\"next_seconds\":1}", json);
        assertEquals(new BillingIncrement(60, 1),
                Json.mapper().readValue(json, BillingIncrement.class));
    }
}
