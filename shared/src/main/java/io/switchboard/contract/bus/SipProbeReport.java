package io.switchboard.contract.bus;

import java.time.Instant;

/**
 * One SIP OPTIONS probe of one SIP trunk by a sip-edge, published on {@link Addresses#SIP_PROBES}
 * after every probe (RFC 3261 §11 OPTIONS; issue 5's prober). The health-monitor may use it as an
 * active signal: {@code up} already applies the edge's hysteresis (down after N failures in a row,
 * up after M successes in a row), {@code changed} marks the probe that flipped it.
 *
 * @param carrier the trunk's carrier id
 * @param node the id of the node whose sip-edge probed
 * @param alive whether this probe succeeded: a final response with a configured alive code
 *     ({@code sip.probe.alive-codes}) within the probe timeout
 * @param sipCode the final response code, or null (timeout, transport or DNS error)
 * @param latencyMs OPTIONS sent to final response, ms; null without a response
 * @param error why the probe failed ({@code "timeout"}, {@code "transport: ..."},
 *     {@code "dns: ..."}, {@code "code 503"}), or null when alive
 * @param up the trunk's state after this probe, by the edge's hysteresis
 * @param changed whether this probe changed {@code up}
 * @param probedAt when the probe ended (UTC)
 */
public record SipProbeReport(String carrier, String node, boolean alive, Integer sipCode, Long latencyMs, String error,
                             boolean up, boolean changed, Instant probedAt) {
}
