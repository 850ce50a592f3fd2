package io.switchboard.contract.bus;

import java.time.Instant;

/**
 * The result of one active probe of a carrier: an authenticated API read for a REST carrier, a SIP
 * OPTIONS for a trunk. Reply of {@link Addresses#carrierProbe(String)}.
 *
 * @param carrier the carrier id
 * @param alive whether the carrier answered as a live one (2xx; for SIP, a configured alive code)
 * @param latencyMs how long the answer took, ms (the timeout when none came)
 * @param code the HTTP status or SIP response code, or 0 when none came
 * @param detail what happened, for people ({@code "200 OK"}, {@code "timeout after 2000 ms"})
 * @param at when the probe was sent (UTC)
 */
public record ProbeResult(String carrier, boolean alive, long latencyMs, int code, String detail, Instant at) {
}
