package io.switchboard.contract.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of a carrier's rate deck (DESIGN section 4, "RatePlan entry"): the price of one
 * destination prefix on one carrier, for one deck version.
 *
 * <p>Cost follows DESIGN section 5: {@code connect_fee + rate x billed_minutes}, with billed
 * seconds from the {@link BillingIncrement}. All arithmetic is exact {@link BigDecimal}; the only
 * division (billed seconds / 60) is carried to {@value #COST_SCALE} decimal places, HALF_UP.
 *
 * @param carrier the carrier id, e.g. {@code "twilio"}
 * @param prefix the E.164 digit prefix this row covers (no {@code +}), e.g. {@code "4420"}
 * @param destination the destination name, e.g. {@code "United Kingdom - London"}
 * @param rate the price per minute (voice, fax) or per message (SMS, MMS)
 * @param connectFee the fixed fee per connected call, in the currency of {@code rate}
 * @param increment the billing increment, e.g. 60/1
 * @param effectiveFrom first instant the row applies (inclusive)
 * @param effectiveUntil instant the row stops applying (exclusive), or null when open-ended
 * @param deckVersion the version of the deck this row belongs to
 */
public record RateEntry(
        String carrier,
        String prefix,
        String destination,
        Money rate,
        Money connectFee,
        BillingIncrement increment,
        Instant effectiveFrom,
        Instant effectiveUntil,
        long deckVersion) {

    /** Decimal places of the per-minute division in {@link #cost(long)}. */
    public static final int COST_SCALE = 10;

    private static final Pattern DIGITS = Pattern.compile("\\d{1,15}");
    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

    /**
     * Validates the components.
     *
     * @param carrier the carrier id, e.g. {@code "twilio"}
     * @param prefix the E.164 digit prefix this row covers (no {@code +}), e.g. {@code "4420"}
     * @param destination the destination name, e.g. {@code "United Kingdom - London"}
     * @param rate the price per minute (voice, fax) or per message (SMS, MMS)
     * @param connectFee the fixed fee per connected call, in the currency of {@code rate}
     * @param increment the billing increment, e.g. 60/1
     * @param effectiveFrom first instant the row applies (inclusive)
     * @param effectiveUntil instant the row stops applying (exclusive), or null when open-ended
     * @param deckVersion the version of the deck this row belongs to
     * @throws NullPointerException if any field but {@code effectiveUntil} is null
     * @throws IllegalArgumentException if the prefix is not 1 to 15 digits, the carrier is blank,
     *     an amount is negative, the rate and fee currencies differ, or {@code effectiveUntil} is
     *     not after {@code effectiveFrom}
     */
    public RateEntry {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(connectFee, "connectFee");
        Objects.requireNonNull(increment, "increment");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (carrier.isBlank()) {
            throw new IllegalArgumentException("carrier must not be blank");
        }
        if (!DIGITS.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be 1 to 15 digits: '" + prefix + "'");
        }
        if (rate.isNegative() || connectFee.isNegative()) {
            throw new IllegalArgumentException(
                    "negative rate or connect fee: " + rate + ", " + connectFee);
        }
        if (!rate.currency().equals(connectFee.currency())) {
            throw new IllegalArgumentException(
                    "rate and connect fee currencies differ: " + rate + ", " + connectFee);
        }
        if (effectiveUntil != null && !effectiveUntil.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException(
                    "effective until " + effectiveUntil + " is not after " + effectiveFrom);
        }
    }

    /**
     * Cost of a call of this duration: {@code connectFee + rate x billedSeconds / 60}. The
     * connect fee is charged whenever this method is asked, also for 0 s (callers decide whether
     * an unanswered call costs anything).
     *
     * @param durationSeconds connected duration in seconds, at least 0
     * @return the exact cost in the deck's currency (trailing zeros stripped, scale at least 0)
     * @throws IllegalArgumentException if the duration is negative
     */
    public Money cost(long durationSeconds) {
        BigDecimal billed = BigDecimal.valueOf(increment.billedSeconds(durationSeconds));
        BigDecimal usage = rate.amount().multiply(billed)
                .divide(SECONDS_PER_MINUTE, COST_SCALE, RoundingMode.HALF_UP);
        return Money.of(plain(connectFee.amount().add(usage)), rate.currency());
    }

    /**
     * Cost of messages (SMS, MMS), where {@code rate} is per message: {@code connectFee + rate x
     * messages}. No billing increment applies.
     *
     * @param messages number of messages (segments), at least 0
     * @return the exact cost in the deck's currency
     * @throws IllegalArgumentException if {@code messages} is negative
     */
    public Money messageCost(long messages) {
        if (messages < 0) {
            throw new IllegalArgumentException("negative message count: " + messages);
        }
        return connectFee.plus(rate.times(messages));
    }

    /**
     * @param instant a point in time
     * @return true if {@code effectiveFrom <= instant < effectiveUntil} (no upper bound when
     *     {@code effectiveUntil} is null)
     */
    public boolean isEffectiveAt(Instant instant) {
        return !instant.isBefore(effectiveFrom)
                && (effectiveUntil == null || instant.isBefore(effectiveUntil));
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
