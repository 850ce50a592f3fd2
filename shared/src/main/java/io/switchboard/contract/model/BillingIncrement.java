package io.switchboard.contract.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A billing increment of a rate deck, written {@code initial/next} in seconds: the first
 * {@code initialSeconds} are billed as a block, then every further started {@code nextSeconds}.
 * Common values: {@code 60/60}, {@code 6/6}, {@code 1/1}, {@code 60/1} (DESIGN section 4 and 5).
 *
 * <p>JSON: {@code {"initial_seconds":60,"next_seconds":1}}.
 *
 * @param initialSeconds the first block, in seconds, greater than 0
 * @param nextSeconds every following block, in seconds, greater than 0
 */
public record BillingIncrement(int initialSeconds, int nextSeconds) {

    private static final Pattern NOTATION =
            Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    /** Per-minute billing, {@code 60/60}. */
    public static final BillingIncrement PER_MINUTE = new BillingIncrement(60, 60);
    /** Per-second billing, {@code 1/1}. */
    public static final BillingIncrement PER_SECOND = new BillingIncrement(1, 1);

    /**
     * Validates the components.
     *
     * @param initialSeconds the first block, in seconds, greater than 0
     * @param nextSeconds every following block, in seconds, greater than 0
     * @throws IllegalArgumentException if either increment is not greater than 0
     */
    public BillingIncrement {
        if (initialSeconds <= 0 || nextSeconds <= 0) {
            throw new IllegalArgumentException(
                    "billing increments must be > 0 s: " + initialSeconds + "/" + nextSeconds);
        }
    }

    /** Largest increment (seconds) {@link #of} keeps a shared instance for. */
    private static final int SHARED_MAX = 60;
    /** Shared instances for {@code 1..60 / 1..60}, made on first use (benign race: records are immutable). */
    private static final BillingIncrement[] SHARED = new BillingIncrement[(SHARED_MAX + 1) * (SHARED_MAX + 1)];

    /**
     * The increment {@code initial/next}, without allocating for the common ones: the same
     * instance is returned for every pair up to {@code 60/60} (decks use a handful: 60/60, 6/6,
     * 1/1, 60/1, 30/6), a new one otherwise. Equal to {@code new BillingIncrement(initial, next)}.
     *
     * @param initialSeconds the first block, in seconds, greater than 0
     * @param nextSeconds every following block, in seconds, greater than 0
     * @return the increment
     * @throws IllegalArgumentException if either increment is not greater than 0
     */
    public static BillingIncrement of(int initialSeconds, int nextSeconds) {
        if (initialSeconds <= 0 || nextSeconds <= 0 || initialSeconds > SHARED_MAX || nextSeconds > SHARED_MAX) {
            return new BillingIncrement(initialSeconds, nextSeconds);
        }
        int slot = initialSeconds * (SHARED_MAX + 1) + nextSeconds;
        BillingIncrement shared = SHARED[slot];
        if (shared == null) {
            shared = new BillingIncrement(initialSeconds, nextSeconds);
            SHARED[slot] = shared;
        }
        return shared;
    }

    /**
     * @param notation {@code initial/next} in seconds, e.g. {@code "60/1"} (spaces allowed)
     * @return the increment
     * @throws IllegalArgumentException if the notation is null, malformed, or has a 0 increment
     */
    public static BillingIncrement parse(String notation) {
        Matcher m = notation == null ? null : NOTATION.matcher(notation);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "billing increment must look like '60/1': '" + notation + "'");
        }
        return new BillingIncrement(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * Seconds billed for a call: 0 for 0 s; otherwise at least {@code initialSeconds}, then the
     * rest rounded up to a multiple of {@code nextSeconds}. E.g. 61 s is 120 s at 60/60, 61 s at
     * 60/1 and 30 s is 60 s at 60/1; 7 s is 12 s at 6/6.
     *
     * @param durationSeconds the call's connected duration in seconds, at least 0
     * @return the billed duration in seconds
     * @throws IllegalArgumentException if the duration is negative
     * @throws ArithmeticException on {@code long} overflow
     */
    public long billedSeconds(long durationSeconds) {
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("negative duration: " + durationSeconds + " s");
        }
        if (durationSeconds == 0) {
            return 0;
        }
        if (durationSeconds <= initialSeconds) {
            return initialSeconds;
        }
        long rest = durationSeconds - initialSeconds;
        long blocks = (rest + nextSeconds - 1) / nextSeconds;
        return Math.addExact(initialSeconds, Math.multiplyExact(blocks, (long) nextSeconds));
    }

    /** @return the deck notation, e.g. {@code "60/1"} */
    @Override
    public String toString() {
        return initialSeconds + "/" + nextSeconds;
    }
}
