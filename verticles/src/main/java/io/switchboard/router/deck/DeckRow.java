package io.switchboard.router.deck;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One normalized rate-deck row, whatever layout it was read from.
 *
 * @param rowNumber 1-based line number in the source file (for reports)
 * @param prefix E.164 digits without {@code +}, 1–16 digits ({@code 447400})
 * @param destination destination name ({@code United Kingdom Mobile - EE}); may be empty
 * @param rate price per minute (voice) or per message (SMS), in {@code currency}; never negative
 * @param connectFee fee charged once per answered call, in {@code currency}; never negative
 * @param initialIncrement first billing increment, seconds (&gt; 0)
 * @param nextIncrement following billing increments, seconds (&gt; 0)
 * @param effectiveFrom first instant the rate applies (inclusive, UTC); {@code null}: always
 * @param effectiveUntil instant the rate stops applying (exclusive, UTC); {@code null}: open
 * @param currency ISO 4217 code, upper case ({@code USD})
 * @param closed whether the code is withdrawn from {@code effectiveFrom} on (a supplier's
 *     "Closed" row): from then the carrier does not route numbers under this prefix at all
 */
public record DeckRow(
        long rowNumber,
        String prefix,
        String destination,
        BigDecimal rate,
        BigDecimal connectFee,
        int initialIncrement,
        int nextIncrement,
        Instant effectiveFrom,
        Instant effectiveUntil,
        String currency,
        boolean closed) {


    /** Checks the invariants above; parsers report violations as row rejections before this. */
    public DeckRow {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(connectFee, "connectFee");
        Objects.requireNonNull(currency, "currency");
        if (!isPrefix(prefix)) {
            throw new IllegalArgumentException("prefix must be 1-16 digits: " + prefix);
        }
        if (rate.signum() < 0 || connectFee.signum() < 0) {
            throw new IllegalArgumentException("negative price for prefix " + prefix);
        }
        if (initialIncrement <= 0 || nextIncrement <= 0) {
            throw new IllegalArgumentException("increments must be positive for prefix " + prefix);
        }
        if (effectiveFrom != null && effectiveUntil != null && !effectiveUntil.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("effective_until must be after effective_from for prefix " + prefix);
        }
    }

    /** @return whether {@code text} is 1–16 ASCII digits (a loop: this runs for every row of a deck) */
    private static boolean isPrefix(String text) {
        int n = text.length();
        if (n < 1 || n > 16) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
