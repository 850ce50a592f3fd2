package io.switchboard.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.switchboard.contract.Json;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void additionIsExact() {
        Money sum = Money.of("0.1", "USD").plus(Money.of("0.2", "USD"));
        assertEquals(Money.of("0.3", "USD"), sum);
        assertEquals(new BigDecimal("0.3"), sum.amount());
        assertEquals("0.3 USD", sum.toString());
    }

    @Test
    void arithmeticKeepsTheScale() {
        Money rate = Money.of("0.012345", "USD");
        assertEquals(new BigDecimal("0.037035"), rate.times(3).amount());
        assertEquals(new BigDecimal("0.00617250"), rate.times(new BigDecimal("0.50")).amount());
        assertEquals(new BigDecimal("0.012345"), rate.plus(Money.zero(USD)).amount());
        assertEquals(new BigDecimal("-0.002345"), Money.of("0.01", "USD").minus(rate).amount());
        assertTrue(Money.of("0.01", "USD").minus(rate).isNegative());
    }

    @Test
    void roundingIsHalfUpAndOnlyOnRequest() {
        assertEquals(new BigDecimal("0.01"), Money.of("0.005", "USD").rounded(2).amount());
        assertEquals(new BigDecimal("0.00"), Money.of("0.00499", "USD").rounded(2).amount());
        assertEquals(new BigDecimal("-0.01"), Money.of("-0.005", "USD").rounded(2).amount());
        assertEquals(new BigDecimal("1.2350"), Money.of("1.235", "EUR").rounded(4).amount());
    }

    @Test
    void equalityIsNumeric() {
        Money a = Money.of("0.10", "USD");
        Money b = Money.of(new BigDecimal("0.1"), USD);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(Money.of("0", "USD"), Money.of("0.0000", "USD"));
        assertEquals(Money.of("0", "USD").hashCode(), Money.of("0.0000", "USD").hashCode());
        assertNotEquals(a, Money.of("0.10", "EUR"));
        assertNotEquals(a, Money.of("0.11", "USD"));
    }

    @Test
    void zeroAndComparison() {
        assertTrue(Money.of("0.000", "USD").isZero());
        assertFalse(Money.of("0.001", "USD").isZero());
        assertTrue(Money.of("0.02", "USD").compareTo(Money.of("0.015", "USD")) > 0);
        assertEquals(0, Money.of("0.020", "USD").compareTo(Money.of("0.02", "USD")));
    }

    @Test
    void currencyMismatchIsRejected() {
        Money usd = Money.of("1", "USD");
        Money eur = Money.of("1", "EUR");
        assertThrows(IllegalArgumentException.class, () -> usd.plus(eur));
        assertThrows(IllegalArgumentException.class, () -> usd.minus(eur));
        assertThrows(IllegalArgumentException.class, () -> usd.compareTo(eur));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("1,5", "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("abc", "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1", "XYZ1"));
        assertThrows(IllegalArgumentException.class, () -> Money.of(null, "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1", (String) null));
        assertThrows(NullPointerException.class, () -> Money.of((BigDecimal) null, USD));
    }

    @Test
    void jsonAmountIsAString() throws JsonProcessingException {
        Money m = Money.of("0.0125", "USD");
        assertEquals("{\"amount\":\"0.0125\",\"currency\":\"USD\"}",
                Json.mapper().writeValueAsString(m));
        assertEquals("{\"amount\":\"0.00000100\",\"currency\":\"EUR\"}",
                Json.mapper().writeValueAsString(Money.of("1.00E-6", "EUR")));
        Money back = Json.mapper().readValue("{\"amount\":\"0.0125\",\"currency\":\"USD\"}",
                Money.class);
        assertEquals(new BigDecimal("0.0125"), back.amount());
        assertEquals(USD, back.currency());
    }

    @Test
    void jsonNumberAmountIsReadExactly() throws JsonProcessingException {
        Money back = Json.mapper().readValue(
                "{\"amount\":0.30000000000000004,\"currency\":\"USD\"}", Money.class);
        assertEquals(new BigDecimal("0.30000000000000004"), back.amount());
    }

    @Test
    void badJsonIsRejected() {
        assertThrows(JsonMappingException.class, () -> Json.mapper()
                .readValue("{\"amount\":\"1\",\"currency\":\"USD\",\"x\":1}", Money.class));
        assertThrows(JsonMappingException.class, () -> Json.mapper()
                .readValue("{\"amount\":\"1\"}", Money.class));
        assertThrows(JsonMappingException.class, () -> Json.mapper()
                .readValue("{\"amount\":\"one\",\"currency\":\"USD\"}", Money.class));
    }
}
