package io.switchboard.health.core;

/**
 * Configuration of a {@link CarrierHealthTracker}. An <em>incident</em>, for the score's incident
 * penalty, is an automatic transition to {@link HealthState#DOWN} or an auto-disable; its time is
 * recorded by the tracker.
 *
 * @param windowMs sliding window of outcomes, ms; ≥ 1000 and a whole number of seconds
 *     (default 300 000 = 5 min)
 * @param downAfterConsecutiveFailures N: this many consecutive failures/timeouts put the carrier
 *     DOWN, ≥ 1 (default 3)
 * @param upAfterConsecutiveSuccesses M: a DOWN carrier needs this many consecutive successes (and
 *     a score ≥ 50) to come back, ≥ 1 (default 2)
 * @param failureRateDownPercent error rate (percent) at or above which the carrier goes DOWN once
 *     the window holds {@code minimumSamples}, in (0, 100] (default 50.0)
 * @param minimumSamples outcomes the window must hold before the failure-rate rule applies, ≥ 1
 *     (default 20)
 * @param autoDisableAfterConsecutiveFailures consecutive failures after which the carrier is
 *     DISABLED until an operator enables it, ≥ 0; 0 never auto-disables (default 10, the
 *     specification's rule)
 */
public record HealthPolicy(
        long windowMs,
        int downAfterConsecutiveFailures,
        int upAfterConsecutiveSuccesses,
        double failureRateDownPercent,
        int minimumSamples,
        int autoDisableAfterConsecutiveFailures,
        int reenableAfterConsecutiveSuccesses) {

    /**
     * The defaults: 5 min window, N = 3, M = 2, 50% over ≥ 20 samples, auto-disable after 10,
     * an auto-disabled carrier re-enabled after 5 consecutive successful probes.
     */
    public static final HealthPolicy DEFAULTS = new HealthPolicy(300_000L, 3, 2, 50.0, 20, 10, 5);

    /** A policy whose auto-disabled carriers wait for an operator (no re-enabling by probes). */
    public HealthPolicy(long windowMs, int downAfterConsecutiveFailures, int upAfterConsecutiveSuccesses,
                        double failureRateDownPercent, int minimumSamples, int autoDisableAfterConsecutiveFailures) {
        this(windowMs, downAfterConsecutiveFailures, upAfterConsecutiveSuccesses, failureRateDownPercent,
                minimumSamples, autoDisableAfterConsecutiveFailures, 0);
    }

    /** @throws IllegalArgumentException if a value is out of the documented range */
    public HealthPolicy {
        if (windowMs < 1000 || windowMs % 1000 != 0) {
            throw new IllegalArgumentException("windowMs must be a whole number of seconds ≥ 1000 ms: " + windowMs);
        }
        if (downAfterConsecutiveFailures < 1) {
            throw new IllegalArgumentException("downAfterConsecutiveFailures must be ≥ 1: " + downAfterConsecutiveFailures);
        }
        if (upAfterConsecutiveSuccesses < 1) {
            throw new IllegalArgumentException("upAfterConsecutiveSuccesses must be ≥ 1: " + upAfterConsecutiveSuccesses);
        }
        if (!(failureRateDownPercent > 0 && failureRateDownPercent <= 100)) {
            throw new IllegalArgumentException("failureRateDownPercent must be in (0, 100]: " + failureRateDownPercent);
        }
        if (minimumSamples < 1) {
            throw new IllegalArgumentException("minimumSamples must be ≥ 1: " + minimumSamples);
        }
        if (reenableAfterConsecutiveSuccesses < 0) {
            throw new IllegalArgumentException(
                    "reenableAfterConsecutiveSuccesses must be ≥ 0 (0 = never): " + reenableAfterConsecutiveSuccesses);
        }
        if (autoDisableAfterConsecutiveFailures < 0) {
            throw new IllegalArgumentException(
                    "autoDisableAfterConsecutiveFailures must be ≥ 0 (0 = never): " + autoDisableAfterConsecutiveFailures);
        }
    }

    /** @return the defaults, {@link #DEFAULTS} */
    public static HealthPolicy defaults() {
        return DEFAULTS;
    }

    /** @return true if consecutive failures can disable the carrier automatically */
    public boolean autoDisableEnabled() {
        return autoDisableAfterConsecutiveFailures > 0;
    }
}
