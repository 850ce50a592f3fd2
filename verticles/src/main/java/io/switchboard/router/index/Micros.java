package io.switchboard.router.index;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money amounts as {@code long} micro-units (10<sup>-6</sup> of the currency), the precision of
 * the rate columns ({@code numeric(14,6)}). Exact: a value with more than 6 decimal places is
 * refused, never rounded.
 */
public final class Micros {

    /** Micro-units per unit of currency. */
    public static final long PER_UNIT = 1_000_000L;

    private Micros() {
    }

    /**
     * @param amount an amount, e.g. {@code 0.0085}
     * @return the amount in micro-units, e.g. {@code 8500}
     * @throws IllegalArgumentException if {@code amount} has non-zero digits beyond the 6th
     *     decimal place or does not fit in a {@code long} of micro-units
     * @throws NullPointerException if {@code amount} is null
     */
    public static long of(BigDecimal amount) {
        try {
            return amount.setScale(6, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount must have at most 6 decimal places and fit in micro-units: "
                            + amount.toPlainString(), e);
        }
    }

    /**
     * @param micros micro-units
     * @return the exact amount, scale 6 (e.g. {@code 8500} → {@code 0.008500})
     */
    public static BigDecimal toDecimal(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }
}
