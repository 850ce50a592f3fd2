package io.switchboard.api.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer of the rate limiter to one request, with what the response headers say (the
 * specification's section 9.5; GitHub's and Stripe's headers): {@code X-RateLimit-Limit} is the
 * limit of the tightest window (the one with the fewest requests left), {@code X-RateLimit-Remaining}
 * the requests left in it, {@code X-RateLimit-Reset} when it is full again (unix seconds), and on a
 * refusal {@code Retry-After} the seconds until one more request is allowed.
 *
 * @param allowed whether the request may go on
 * @param limit the tightest window's limit (requests per its window)
 * @param remaining requests left in that window after this one
 * @param resetEpochSeconds when that window is full again, unix seconds
 * @param retryAfterSeconds when refused, seconds until the next request is allowed (at least 1); else 0
 */
public record RateDecision(boolean allowed, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {

    /** One token bucket's window: its capacity and the time to refill it entirely, in nanoseconds. */
    record Window(long capacity, long periodNanos) {
    }

    /**
     * @param limit the limits, in the order of the bucket's bandwidths ({@link #windows})
     * @return the limited windows of {@code limit}, second first, skipping unlimited ones
     */
    static List<Window> windows(RateLimit limit) {
        List<Window> windows = new ArrayList<>(3);
        if (limit.perSecond() > 0) {
            windows.add(new Window(limit.perSecond(), 1_000_000_000L));
        }
        if (limit.perMinute() > 0) {
            windows.add(new Window(limit.perMinute(), 60_000_000_000L));
        }
        if (limit.perDay() > 0) {
            windows.add(new Window(limit.perDay(), 86_400_000_000_000L));
        }
        return windows;
    }

    /**
     * Builds the decision from a bucket's state after the attempt to take one token.
     *
     * @param windows the bucket's windows ({@link #windows}), in bandwidth order
     * @param available the tokens left in each window after the attempt (Bucket4j's
     *     {@code getAvailableTokensPerEachBandwidth})
     * @param consumed whether the token was taken
     * @param nanosToWaitForRefill when refused, the time until a token is available, ns
     * @param nowMillis the current time, ms since the epoch
     * @return the decision
     */
    static RateDecision of(List<Window> windows, long[] available, boolean consumed, long nanosToWaitForRefill,
                           long nowMillis) {
        int tightest = 0;
        for (int i = 1; i < windows.size(); i++) {
            if (available[i] < available[tightest]) {
                tightest = i;
            }
        }
        Window w = windows.get(tightest);
        long left = Math.max(0, Math.min(w.capacity(), available[tightest]));
        long missing = w.capacity() - left;
        long millisToFull = ceilDiv(missing * (w.periodNanos() / 1_000_000), w.capacity());
        long reset = ceilDiv(nowMillis + millisToFull, 1000);
        long retryAfter = consumed ? 0 : Math.max(1, ceilDiv(nanosToWaitForRefill, 1_000_000_000L));
        return new RateDecision(consumed, w.capacity(), left, reset, retryAfter);
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
