package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a carrier that might have carried a request is not a candidate of a {@link RoutePlan}
 * (DESIGN section 5, candidates). JSON: lower snake case, {@code "breaker_open"}.
 */
public enum ExclusionReason {
    /** No rate deck entry of the carrier matches the destination for this service. */
    NO_COVERAGE,
    /** The carrier does not offer the service (e.g. no fax). */
    SERVICE_NOT_OFFERED,
    /** The carrier is disabled by configuration or an operator. */
    DISABLED,
    /** The carrier's circuit breaker is open. */
    BREAKER_OPEN,
    /** The carrier is at its calls-per-second limit. */
    OVER_CPS,
    /** The carrier is at its concurrent-call limit. */
    OVER_CONCURRENCY,
    /** The tenant's routing policy excludes the carrier. */
    TENANT_POLICY,
    /** The health monitor reports the carrier (or carrier x prefix) down. */
    HEALTH_DOWN;

    /** @return the JSON name: the constant's name in lower case, e.g. {@code "breaker_open"} */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * @param wire a wire name, e.g. {@code "breaker_open"} (upper case accepted too)
     * @return the constant
     * @throws IllegalArgumentException if the name is null or unknown
     */
    @JsonCreator
    public static ExclusionReason fromWire(String wire) {
        return WireNames.parse(ExclusionReason.class, wire);
    }
}
