package io.switchboard.sip.probe;

import java.time.Instant;

/**
 * One OPTIONS probe of one trunk and the trunk's state after it.
 *
 * @param carrier the trunk's carrier id
 * @param alive whether this probe succeeded (a final response with an alive code in time)
 * @param sipCode the final response code, or null (timeout, transport or DNS error)
 * @param latencyMs OPTIONS sent to final response, ms; null without response
 * @param error why the probe failed ({@code "timeout"}, {@code "transport: ..."},
 *     {@code "code 503"}), or null when alive
 * @param up the trunk's state after this probe
 * @param changed whether this probe changed the state
 * @param at when the probe ended
 */
public record ProbeResult(String carrier, boolean alive, Integer sipCode, Long latencyMs, String error, boolean up,
                          boolean changed, Instant at) {
}
