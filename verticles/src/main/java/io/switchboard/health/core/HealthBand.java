package io.switchboard.health.core;

/**
 * The band a health score falls in, by the specification's thresholds: {@link #HEALTHY} ≥ 80,
 * {@link #DEGRADED} ≥ 50, {@link #DOWN} below. See {@link HealthScore#band(int)}.
 */
public enum HealthBand {
    /** score ≥ {@link HealthScore#HEALTHY} (80) */
    HEALTHY,
    /** {@link HealthScore#DEGRADED} (50) ≤ score &lt; 80 */
    DEGRADED,
    /** score &lt; 50 */
    DOWN;

    /** @return the {@link HealthState} of the same name */
    public HealthState state() {
        return switch (this) {
            case HEALTHY -> HealthState.HEALTHY;
            case DEGRADED -> HealthState.DEGRADED;
            case DOWN -> HealthState.DOWN;
        };
    }
}
