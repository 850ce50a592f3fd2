package io.switchboard.health.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change of a carrier's health state, as published ({@code carrier.health.changed}) and logged
 * ({@code carrier_health_log}).
 *
 * @param carrier carrier id
 * @param from state before
 * @param to state after (never equal to {@code from})
 * @param score health score at the change, 0..100
 * @param reason human-readable cause, e.g. {@code "3 consecutive failures (last: timeout)"}
 * @param details counters behind the decision, insertion-ordered, unmodifiable, no null values:
 *     {@code consecutiveFailures}, {@code consecutiveSuccesses}, {@code samples}, {@code
 *     errorRatePercent}, {@code averageLatencyMs}, {@code score}, {@code windowMs}, and when known
 *     {@code lastOutcome} (wire name), {@code actor} (operator changes)
 * @param atMs when it changed, epoch ms
 */
public record Transition(
        String carrier,
        HealthState from,
        HealthState to,
        int score,
        String reason,
        Map<String, Object> details,
        long atMs) {

    /** @throws NullPointerException if a reference is null */
    public Transition {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }
}
