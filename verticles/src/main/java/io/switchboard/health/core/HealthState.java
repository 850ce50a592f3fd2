package io.switchboard.health.core;

import java.util.Locale;

/**
 * State of a carrier as published by the health monitor. JSON: lower case ({@link #wireName()}).
 */
public enum HealthState {
    /** Score ≥ 80 and no down rule holds: full traffic. */
    HEALTHY,
    /** Score in 50..79: still routable, ranked lower. */
    DEGRADED,
    /** A down rule holds (score &lt; 50, N consecutive failures, failure rate): no traffic. */
    DOWN,
    /** Disabled by an operator or automatically after repeated call failures; leaves only by enable. */
    DISABLED;

    /** @return the JSON name, e.g. {@code "degraded"} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param wire a wire name, e.g. {@code "down"} (upper case accepted too)
     * @return the constant
     * @throws IllegalArgumentException if {@code wire} is null or unknown
     */
    public static HealthState fromWire(String wire) {
        if (wire == null) {
            throw new IllegalArgumentException("health state is null");
        }
        try {
            return valueOf(wire.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown health state: " + wire, e);
        }
    }
}
