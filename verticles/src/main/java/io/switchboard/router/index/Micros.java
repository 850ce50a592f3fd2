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

    /**
     * Formats micro-units as a plain decimal without trailing zeros, without BigDecimal:
     * {@code 12780 → "0.01278"}, {@code 1000000 → "1"}, {@code -5 → "-0.000005"}.
     *
     * @param micros an amount in micro-units
     * @return its decimal text
     */
    public static String format(long micros) {
        StringBuilder text = new StringBuilder(20);
        long value = micros;
        if (value < 0) {
            text.append('-');
            value = -value;
        }
        text.append(value / PER_UNIT);
        long fraction = value % PER_UNIT;
        if (fraction != 0) {
            String digits = Long.toString(PER_UNIT + fraction).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.toString();
    }

    /**
     * @param micros an amount in micro-units
     * @return it as a decimal without trailing zeros ({@code 12780 → 0.01278}), the same value
     *     {@code toDecimal(micros).stripTrailingZeros()} gives, without its BigInteger work
     */
    public static BigDecimal toPlainDecimal(long micros) {
        if (micros == 0) {
            return BigDecimal.ZERO;
        }
        long unscaled = micros;
        int scale = 6;
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        return BigDecimal.valueOf(unscaled, scale);
    }
}
