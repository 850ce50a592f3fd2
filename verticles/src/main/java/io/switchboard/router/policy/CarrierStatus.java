package io.switchboard.router.policy;

import io.switchboard.contract.model.BreakerState;

/**
 * A carrier's live condition as the router sees it: health (from the health-monitor), breaker
 * (from the carrier adapter) and load (calls this router sent).
 *
 * @param healthScore 0–100 (healthy ≥ 80, degraded ≥ 50, down below), per the specification's formula
 * @param down whether the health-monitor's state for the carrier is {@code down}
 * @param disabled whether it is disabled by an operator or the auto-disable policy
 * @param breaker the carrier's circuit-breaker state
 * @param callsLastSecond attempts sent to it in the last second
 * @param callsInProgress its calls in progress
 */
public record CarrierStatus(int healthScore, boolean down, boolean disabled, BreakerState breaker,
                            int callsLastSecond, int callsInProgress) {

    /** A carrier nothing has been reported about: full score, closed breaker, no load. */
    public static final CarrierStatus UNKNOWN = new CarrierStatus(100, false, false, BreakerState.CLOSED, 0, 0);

    /** @return whether the score is in the healthy band (≥ 80) and the carrier is not down */
    public boolean healthy() {
        return !down && healthScore >= 80;
    }
}
