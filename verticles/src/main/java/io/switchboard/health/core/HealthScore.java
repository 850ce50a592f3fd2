package io.switchboard.health.core;

/**
 * The product specification's carrier health score, 0–100 (source: the specification's health
 * formula, "CalculateHealthScore", with thresholds healthy 80 / degraded 50).
 *
 * <p>Exact rules of {@link #compute(double, double, Long)}:
 * <ol>
 *   <li>start at 100;
 *   <li>latency: minus one point per <em>full</em> 10 ms of average latency above 100 ms, i.e.
 *       {@code floor((averageLatencyMs - 100) / 10)} when above 100 (109.9 ms → 0, 110 ms → −1,
 *       150 ms → −5);
 *   <li>errors: minus {@code floor(2 × errorRatePercent)}: two points per percent, the product
 *       rounded down to an integer as the specification's {@code (int)(rate * 2)} does (2% → −4,
 *       2.5% → −5, 2.4% → −4, 0.4% → 0);
 *   <li>incident: −20 if the last incident is less than 30 minutes old ({@code < 1 800 000 ms}),
 *       else −10 if less than 60 minutes old ({@code < 3 600 000 ms}), else nothing; exactly 30
 *       minutes is already −10 and exactly 60 minutes is 0; no incident ({@code null}) is nothing;
 *   <li>clamp to 0..100.
 * </ol>
 * Both floors add {@value #EPSILON} first so that binary rounding (e.g. {@code 0.29 × 100} being
 * {@code 28.999999999999996}) does not lose a point.
 */
public final class HealthScore {

    /** Lowest score of the healthy band. */
    public static final int HEALTHY = 80;
    /** Lowest score of the degraded band; below is down. */
    public static final int DEGRADED = 50;

    /** Latency above which the latency penalty starts, ms. */
    public static final double LATENCY_BASELINE_MS = 100.0;
    /** Latency step costing one point, ms. */
    public static final double LATENCY_STEP_MS = 10.0;
    /** Points per percent of error rate. */
    public static final double POINTS_PER_ERROR_PERCENT = 2.0;
    /** An incident younger than this costs {@link #RECENT_INCIDENT_PENALTY}, ms (30 min). */
    public static final long RECENT_INCIDENT_MS = 30L * 60_000L;
    /** An incident younger than this (but not recent) costs {@link #OLDER_INCIDENT_PENALTY}, ms (60 min). */
    public static final long OLDER_INCIDENT_MS = 60L * 60_000L;
    /** Penalty of an incident in the last 30 minutes. */
    public static final int RECENT_INCIDENT_PENALTY = 20;
    /** Penalty of an incident 30 to 60 minutes ago. */
    public static final int OLDER_INCIDENT_PENALTY = 10;

    /** Tolerance added before flooring, against binary rounding. */
    static final double EPSILON = 1e-9;

    private HealthScore() {
    }

    /**
     * @param averageLatencyMs average attempt latency over the window, ms, ≥ 0 (0 when no data)
     * @param errorRatePercent failed attempts over the window, percent, 0..100 (0 when no data)
     * @param msSinceLastIncident age of the last incident, ms, ≥ 0; null if there never was one
     * @return the score, 0..100
     * @throws IllegalArgumentException if an argument is negative, NaN, infinite, or the error
     *     rate is above 100
     */
    public static int compute(double averageLatencyMs, double errorRatePercent, Long msSinceLastIncident) {
        if (!Double.isFinite(averageLatencyMs) || averageLatencyMs < 0) {
            throw new IllegalArgumentException("average latency must be a finite number ≥ 0 ms: " + averageLatencyMs);
        }
        if (!Double.isFinite(errorRatePercent) || errorRatePercent < 0 || errorRatePercent > 100) {
            throw new IllegalArgumentException("error rate must be within 0..100 %: " + errorRatePercent);
        }
        if (msSinceLastIncident != null && msSinceLastIncident < 0) {
            throw new IllegalArgumentException("time since the last incident must be ≥ 0 ms: " + msSinceLastIncident);
        }
        long score = 100
                - latencyPenalty(averageLatencyMs)
                - errorPenalty(errorRatePercent)
                - incidentPenalty(msSinceLastIncident);
        return (int) Math.max(0, Math.min(100, score));
    }

    /**
     * @param averageLatencyMs average latency, ms, ≥ 0
     * @return points lost to latency: full 10 ms steps above 100 ms
     */
    public static long latencyPenalty(double averageLatencyMs) {
        if (averageLatencyMs <= LATENCY_BASELINE_MS) {
            return 0;
        }
        return (long) Math.floor((averageLatencyMs - LATENCY_BASELINE_MS) / LATENCY_STEP_MS + EPSILON);
    }

    /**
     * @param errorRatePercent error rate, percent, ≥ 0
     * @return points lost to errors: {@code floor(2 × errorRatePercent)}
     */
    public static long errorPenalty(double errorRatePercent) {
        return (long) Math.floor(errorRatePercent * POINTS_PER_ERROR_PERCENT + EPSILON);
    }

    /**
     * @param msSinceLastIncident age of the last incident, ms; null if none
     * @return 20 below 30 minutes, 10 below 60 minutes, else 0
     */
    public static int incidentPenalty(Long msSinceLastIncident) {
        if (msSinceLastIncident == null) {
            return 0;
        }
        if (msSinceLastIncident < RECENT_INCIDENT_MS) {
            return RECENT_INCIDENT_PENALTY;
        }
        if (msSinceLastIncident < OLDER_INCIDENT_MS) {
            return OLDER_INCIDENT_PENALTY;
        }
        return 0;
    }

    /**
     * @param score a score, 0..100
     * @return HEALTHY at ≥ 80, DEGRADED at ≥ 50, DOWN below
     */
    public static HealthBand band(int score) {
        if (score >= HEALTHY) {
            return HealthBand.HEALTHY;
        }
        if (score >= DEGRADED) {
            return HealthBand.DEGRADED;
        }
        return HealthBand.DOWN;
    }
}
