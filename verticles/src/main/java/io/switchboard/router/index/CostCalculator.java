package io.switchboard.router.index;

import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.Money;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * Cost of a voice call (DESIGN §5): {@code connect_fee + rate × billed_minutes}, where the billed
 * seconds are the duration rounded up to the initial increment, then to the next increment
 * ({@link BillingIncrement#billedSeconds}: 60/60, 6/6, 1/1, 60/1, ...).
 *
 * <h2>Arithmetic and rounding</h2>
 * Everything is integer arithmetic on micro-units ({@link Micros}), with overflow checked
 * ({@link Math#multiplyExact}): the exact cost is the fraction
 * {@code (connectFeeMicros × 60 + rateMicros × billedSeconds) / 60} micro-units. It is rounded
 * <strong>once</strong>, at the end, to a whole micro-unit, {@code HALF_UP} (costs are never
 * negative). So the result is exact whenever the true cost is a whole number of micro-units —
 * always for 60/60, and for 6/6 with rates of up to 5 decimal places (0.0085/min for 61 s at 6/6
 * is exactly 0.00935) — and otherwise off by at most half a micro-unit (0.0085/min for 61 s at
 * 60/1 is 0.0086416̅ → 0.008642). Micro-units are the precision of the rate columns
 * ({@code numeric(14,6)}); amounts are returned at scale 6.
 *
 * <h2>Unanswered calls</h2>
 * A duration of 0 s means the call was not answered (or not connected): the cost is 0, the connect
 * fee included. Any duration above 0 s pays the connect fee and at least the initial increment.
 */
public final class CostCalculator {

    private CostCalculator() {
    }

    /**
     * @param rateMicros rate per minute, micro-units (at least 0)
     * @param connectFeeMicros connect fee, micro-units (at least 0)
     * @param increment the billing increment
     * @param durationSeconds connected duration in seconds (0: unanswered, cost 0)
     * @return the cost in micro-units, rounded HALF_UP to a whole micro-unit
     * @throws IllegalArgumentException if the duration or a price is negative
     * @throws ArithmeticException on {@code long} overflow
     */
    public static long costMicros(long rateMicros, long connectFeeMicros,
            BillingIncrement increment, long durationSeconds) {
        if (rateMicros < 0 || connectFeeMicros < 0) {
            throw new IllegalArgumentException("negative price");
        }
        long billed = increment.billedSeconds(durationSeconds);
        if (billed == 0) {
            return 0;
        }
        long sixtieths = Math.addExact(Math.multiplyExact(connectFeeMicros, 60L),
                Math.multiplyExact(rateMicros, billed));
        long micros = sixtieths / 60;
        return sixtieths % 60 >= 30 ? micros + 1 : micros;
    }

    /**
     * @param rateMicros rate per minute, micro-units
     * @param connectFeeMicros connect fee, micro-units
     * @param increment the billing increment
     * @param durationSeconds connected duration in seconds (0: unanswered, cost 0)
     * @param currency the currency of the prices
     * @return the cost at scale 6
     * @throws IllegalArgumentException if the duration or a price is negative
     * @throws ArithmeticException on {@code long} overflow
     */
    public static Money cost(long rateMicros, long connectFeeMicros, BillingIncrement increment,
            long durationSeconds, Currency currency) {
        return Money.of(Micros.toDecimal(
                costMicros(rateMicros, connectFeeMicros, increment, durationSeconds)), currency);
    }

    /**
     * @param ratePerMinute rate per minute, at most 6 decimal places
     * @param connectFee connect fee, at most 6 decimal places
     * @param increment the billing increment
     * @param durationSeconds connected duration in seconds (0: unanswered, cost 0)
     * @param currency the currency of the prices
     * @return the cost at scale 6
     * @throws IllegalArgumentException if a price has more than 6 decimal places or is negative,
     *     or the duration is negative
     */
    public static Money cost(BigDecimal ratePerMinute, BigDecimal connectFee,
            BillingIncrement increment, long durationSeconds, Currency currency) {
        return cost(Micros.of(ratePerMinute), Micros.of(connectFee), increment, durationSeconds,
                currency);
    }

    /**
     * @param match a routable match
     * @param durationSeconds connected duration in seconds (0: unanswered, cost 0)
     * @return the cost of the call at the match's rate, in its currency, scale 6
     * @throws IllegalArgumentException if the match is closed (the code has no price) or the
     *     duration is negative
     */
    public static Money cost(RateMatch match, long durationSeconds) {
        if (match.closed()) {
            throw new IllegalArgumentException("prefix " + match.matchedPrefix() + " is closed by "
                    + match.carrierId() + ": no price");
        }
        return cost(match.rateMicros(), match.connectFeeMicros(), match.increment(),
                durationSeconds, match.currency());
    }

    /**
     * Cost of a row of a table, in micro-units (for ranking candidates; the increment record it
     * builds is short-lived and usually scalar-replaced by the JIT).
     *
     * @param table the table
     * @param row a row index of it (not closed)
     * @param durationSeconds connected duration in seconds (0: unanswered, cost 0)
     * @return the cost in micro-units, as {@link #costMicros(long, long, BillingIncrement, long)}
     */
    public static long costMicros(RateTable table, int row, long durationSeconds) {
        return costMicros(table.rateMicros(row), table.connectFeeMicros(row),
                new BillingIncrement(table.initialIncrement(row), table.nextIncrement(row)),
                durationSeconds);
    }
}
