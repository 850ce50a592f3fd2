package io.switchboard.router.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckRow;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed examples, one or more per increment scheme. */
class CostCalculatorTest {

    static final Currency USD = Currency.getInstance("USD");
    static final BillingIncrement B60_60 = new BillingIncrement(60, 60);
    static final BillingIncrement B6_6 = new BillingIncrement(6, 6);
    static final BillingIncrement B1_1 = new BillingIncrement(1, 1);
    static final BillingIncrement B60_1 = new BillingIncrement(60, 1);

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static Money cost(String rate, String fee, BillingIncrement inc, long seconds) {
        return CostCalculator.cost(new BigDecimal(rate), new BigDecimal(fee), inc, seconds, USD);
    }

    @Test
    void sixSix() {
        // 61 s -> 66 s billed; 0.0085 * 66 / 60 = 0.00935 exactly
        assertEquals(usd("0.00935"), cost("0.0085", "0", B6_6, 61));
        // 7 s -> 12 s; 0.0085 * 12 / 60 = 0.0017
        assertEquals(usd("0.0017"), cost("0.0085", "0", B6_6, 7));
        // 1 s -> 6 s; 0.0085 / 10 = 0.00085
        assertEquals(usd("0.00085"), cost("0.0085", "0", B6_6, 1));
        // 60 s -> 60 s: exactly one minute
        assertEquals(usd("0.0085"), cost("0.0085", "0", B6_6, 60));
    }

    @Test
    void sixtySixtyWithConnectFee() {
        // wholesale-a US: 0.00314/min, 0.001 connect fee; 61 s -> 120 s = 2 min
        // 0.001 + 2 * 0.00314 = 0.00728
        assertEquals(usd("0.00728"), cost("0.00314", "0.0010", B60_60, 61));
        // 1 s -> 60 s: 0.001 + 0.00314 = 0.00414
        assertEquals(usd("0.00414"), cost("0.00314", "0.0010", B60_60, 1));
        // 120 s -> 120 s
        assertEquals(usd("0.00728"), cost("0.00314", "0.0010", B60_60, 120));
        // 121 s -> 180 s: 0.001 + 3 * 0.00314 = 0.01042
        assertEquals(usd("0.01042"), cost("0.00314", "0.0010", B60_60, 121));
    }

    @Test
    void sixtyOne() {
        // 61 s -> 61 s billed; 0.0085 * 61 / 60 = 0.00864166.. -> 0.008642 (HALF_UP, micro-unit)
        assertEquals(usd("0.008642"), cost("0.0085", "0", B60_1, 61));
        // 30 s -> 60 s minimum
        assertEquals(usd("0.0085"), cost("0.0085", "0", B60_1, 30));
        // 90 s -> 90 s; 0.0495 * 1.5 = 0.07425
        assertEquals(usd("0.07425"), cost("0.0495", "0", B60_1, 90));
    }

    @Test
    void oneOne() {
        // 7 s at 0.012/min: 0.012 * 7 / 60 = 0.0014 exactly
        assertEquals(usd("0.0014"), cost("0.012", "0", B1_1, 7));
        // 7 s at 0.0085/min: 0.000991666.. -> 0.000992
        assertEquals(usd("0.000992"), cost("0.0085", "0", B1_1, 7));
        // 59 s at 0.06/min: 0.059
        assertEquals(usd("0.059"), cost("0.06", "0", B1_1, 59));
    }

    @Test
    void zeroDurationCostsNothingNotEvenTheConnectFee() {
        assertEquals(usd("0"), cost("0.00314", "0.0010", B60_60, 0));
        assertEquals(0, CostCalculator.costMicros(3_140, 1_000, B60_60, 0));
    }

    @Test
    void roundsHalfUpToTheMicroUnit() {
        // 1 micro/min * 30 s = 0.5 micro -> 1; * 29 s = 0.4833 -> 0
        assertEquals(1, CostCalculator.costMicros(1, 0, B1_1, 30));
        assertEquals(0, CostCalculator.costMicros(1, 0, B1_1, 29));
        assertEquals(1, CostCalculator.costMicros(1, 0, B1_1, 31));
        // the connect fee is added before rounding (exact fraction, rounded once)
        assertEquals(1_001, CostCalculator.costMicros(1, 1_000, B1_1, 30));
    }

    @Test
    void resultHasScaleSixAndTheCurrency() {
        Money m = cost("0.0085", "0", B6_6, 61);
        assertEquals(6, m.amount().scale());
        assertEquals(new BigDecimal("0.009350"), m.amount());
        assertEquals(USD, m.currency());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> cost("0.0085", "0", B6_6, -1));
        assertThrows(IllegalArgumentException.class, () -> cost("0.00850001", "0", B6_6, 1));
        assertThrows(IllegalArgumentException.class,
                () -> CostCalculator.costMicros(-1, 0, B6_6, 1));
        assertThrows(ArithmeticException.class,
                () -> CostCalculator.costMicros(Long.MAX_VALUE / 10, 0, B1_1, 100));
        assertThrows(ArithmeticException.class,
                () -> CostCalculator.costMicros(0, Long.MAX_VALUE / 2, B1_1, 1));
    }

    @Test
    void fromAMatchAndFromATableRow() {
        DeckRow row = new DeckRow(1, "1", "United States", new BigDecimal("0.00314"),
                new BigDecimal("0.0010"), 60, 60, null, null, "USD", false);
        DeckRow closed = new DeckRow(2, "1900", "US premium", BigDecimal.ZERO, BigDecimal.ZERO,
                60, 60, null, null, "USD", true);
        RateTable t = RateTable.of("wholesale-a", Service.VOICE, 1, USD, List.of(row, closed));
        RateMatch m = t.lookup("12025550123", 0L);
        assertEquals(usd("0.00728"), CostCalculator.cost(m, 61));
        assertEquals(7_280, CostCalculator.costMicros(t, t.findRow("12025550123", 0L), 61));
        RateMatch c = t.lookup("19005550123", 0L);
        assertThrows(IllegalArgumentException.class, () -> CostCalculator.cost(c, 61));
    }

    @Test
    void microsConversion() {
        assertEquals(8_500, Micros.of(new BigDecimal("0.0085")));
        assertEquals(1_000, Micros.of(new BigDecimal("0.0010")));
        assertEquals(12_000_000, Micros.of(new BigDecimal("12")));
        assertEquals(new BigDecimal("0.008500"), Micros.toDecimal(8_500));
        assertThrows(IllegalArgumentException.class, () -> Micros.of(new BigDecimal("1E-7")));
        assertThrows(IllegalArgumentException.class, () -> Micros.of(new BigDecimal("1E+20")));
    }
}
