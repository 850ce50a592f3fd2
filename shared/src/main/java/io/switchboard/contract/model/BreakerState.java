package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * State of a carrier's circuit breaker (Vert.x circuit breaker / Nygard's pattern), as shared by
 * the health monitor. JSON: lower snake case, {@code "half_open"}.
 */
public enum BreakerState {
    /** Traffic flows normally. */
    CLOSED,
    /** Failures crossed the threshold: the carrier gets no traffic until the reset timeout. */
    OPEN,
    /** After the reset timeout: a trial request decides between CLOSED and OPEN. */
    HALF_OPEN;

    /** @return the JSON name: the constant's name in lower case, e.g. {@code "half_open"} */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * @param wire a wire name, e.g. {@code "half_open"} (upper case accepted too)
     * @return the constant
     * @throws IllegalArgumentException if the name is null or unknown
     */
    @JsonCreator
    public static BreakerState fromWire(String wire) {
        return WireNames.parse(BreakerState.class, wire);
    }
}
