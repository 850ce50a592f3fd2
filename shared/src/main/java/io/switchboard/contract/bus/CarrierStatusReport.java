package io.switchboard.contract.bus;

import io.switchboard.contract.model.BreakerState;

/**
 * A carrier's condition as the health-monitor and the carrier adapter see it, published on
 * {@link Addresses#CARRIER_STATUS}; every router keeps the latest per carrier and excludes or
 * orders carriers by it (health down, disabled, breaker open, health score).
 *
 * @param carrier carrier id
 * @param healthScore 0–100 (healthy ≥ 80, degraded ≥ 50, down below)
 * @param down whether its health state is {@code down}
 * @param disabled whether an operator or the auto-disable policy disabled it
 * @param breaker its circuit breaker's state
 * @param callsInProgress its calls in progress, for its concurrency limit
 */
public record CarrierStatusReport(String carrier, int healthScore, boolean down, boolean disabled, BreakerState breaker,
                                  int callsInProgress) {
}
