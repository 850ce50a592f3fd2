package io.switchboard.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateEntryTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-02-01T00:00:00Z");

    private static RateEntry entry(String rate, String fee, String increment) {
        return new RateEntry("wholesale-a", "4420", "United Kingdom - London",
                Money.of(rate, "USD"), Money.of(fee, "USD"), BillingIncrement.parse(increment),
                FROM, UNTIL, 7);
    }

    @ParameterizedTest(name = "{2} at {0}/min + {1}: {3} s costs {4}")
    @CsvSource({
        // 60/60: 61 s billed 120 s = 2 min
        "0.0125, 0.01, 60/60, 61, 0.035",
        "0.0125, 0.01, 60/60, 60, 0.0225",
        "0.0125, 0,    60/60, 1,  0.0125",
        // 6/6: 7 s billed 12 s = 0.2 min
        "0.0125, 0.01, 6/6,   7,  0.0125",
        "0.0125, 0,    6/6,   61, 0.01375",
        // 1/1: 7 s = 7/60 min; 0.012 * 7 / 60 = 0.0014
        "0.012,  0.01, 1/1,   7,  0.0114",
        "0.012,  0,    1/1,   90, 0.018",
        // 60/1: 30 s billed 60 s, 61 s billed 61 s
        "0.0125, 0.01, 60/1,  30, 0.0225",
        "0.012,  0.01, 60/1,  61, 0.0222",
        // 0 s: only the connect fee
        "0.0125, 0.01, 60/60, 0,  0.01",
    })
    void cost(String rate, String fee, String increment, long seconds, String expected) {
        Money cost = entry(rate, fee, increment).cost(seconds);
        assertEquals(new BigDecimal(expected), cost.amount());
        assertEquals("USD", cost.currency().getCurrencyCode());
    }

    @Test
    void nonTerminatingDivisionIsCarriedToTenPlaces() {
        // 0.01 * 61 / 60 = 0.0101666...
        assertEquals(new BigDecimal("0.0101666667"), entry("0.01", "0", "1/1").cost(61).amount());
    }

    @Test
    void wholeCostsHaveNoNegativeScale() {
        Money cost = entry("10", "0", "60/60").cost(60);
        assertEquals(0, cost.amount().scale());
        assertEquals("10", cost.amount().toPlainString());
    }

    @Test
    void messageCost() {
        RateEntry sms = entry("0.0079", "0", "1/1");
        assertEquals(Money.of("0.0237", "USD"), sms.messageCost(3));
        assertTrue(sms.messageCost(0).isZero());
        assertThrows(IllegalArgumentException.class, () -> sms.messageCost(-1));
    }

    @Test
    void effectiveFromIsInclusiveUntilExclusive() {
        RateEntry e = entry("0.01", "0", "60/60");
        assertFalse(e.isEffectiveAt(FROM.minusMillis(1)));
        assertTrue(e.isEffectiveAt(FROM));
        assertTrue(e.isEffectiveAt(UNTIL.minusNanos(1)));
        assertFalse(e.isEffectiveAt(UNTIL));
        RateEntry open = new RateEntry("a", "44", "UK", Money.of("0.01", "USD"),
                Money.of("0", "USD"), BillingIncrement.PER_MINUTE, FROM, null, 1);
        assertTrue(open.isEffectiveAt(Instant.parse("2999-01-01T00:00:00Z")));
        assertFalse(open.isEffectiveAt(FROM.minusSeconds(1)));
    }

    @Test
    void validation() {
        Money usd = Money.of("0.01", "USD");
        Money zero = Money.of("0", "USD");
        BillingIncrement inc = BillingIncrement.PER_MINUTE;
        assertThrows(IllegalArgumentException.class,
                () -> new RateEntry("a", "", "x", usd, zero, inc, FROM, null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new RateEntry("a", "+44", "x", usd, zero, inc, FROM, null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new RateEntry("a", "44 20", "x", usd, zero, inc, FROM, null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new RateEntry(" ", "44", "x", usd, zero, inc, FROM, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateEntry("a", "44", "x",
                Money.of("-0.01", "USD"), zero, inc, FROM, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateEntry("a", "44", "x", usd,
                Money.of("-1", "USD"), inc, FROM, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateEntry("a", "44", "x", usd,
                Money.of("0", "EUR"), inc, FROM, null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new RateEntry("a", "44", "x", usd, zero, inc, FROM, FROM, 1));
        assertThrows(NullPointerException.class,
                () -> new RateEntry("a", "44", "x", usd, null, inc, FROM, null, 1));
        assertThrows(IllegalArgumentException.class, () -> entry("0.01", "0", "60/60").cost(-1));
    }

    @Test
    void jsonRoundTrip() throws JsonProcessingException {
        RateEntry e = entry("0.0125", "0.01", "60/1");
        String json = Json.mapper().writeValueAsString(e);
        assertEquals("{\"carrier\":\"wholesale-a\",\"prefix\":\"4420\","
                + "\"destination\":\"United Kingdom - London\","
                + "\"rate\":{\"amount\":\"0.0125\",\"currency\":\"USD\"},"
                + "\"connect_fee\":{\"amount\":\"0.01\",\"currency\":\"USD\"},"
                + "\"increment\":{\"initial_seconds\":60,\"next_seconds\":1},"
                + "\"effective_from\":\"2026-01-01T00:00:00Z\","
                + "\"effective_until\":\"2026-02-01T00:00:00Z\",\"deck_version\":7}", json);
        assertEquals(e, Json.mapper().readValue(json, RateEntry.class));
    }
}
