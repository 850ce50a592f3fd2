package io.switchboard.contract.bus;

import io.switchboard.contract.model.BreakerState;
import java.time.Instant;

/**
 * A carrier adapter's circuit breaker changed state; published on {@link Addresses#CARRIER_BREAKER}.
 *
 * @param carrier the carrier id
 * @param state the new state
 * @param nodeId the node whose adapter's breaker it is (each node's adapter has its own)
 * @param at when it changed (UTC)
 */
public record BreakerReport(String carrier, BreakerState state, String nodeId, Instant at) {
}
