package io.switchboard.contract.bus;

import io.switchboard.contract.model.BreakerState;
import java.time.Instant;

/**
 * One carrier's health as the health-monitor reports it ({@code GET /v1/carriers/health},
 * {@link Addresses#HEALTH_LIST}).
 *
 * @param carrier carrier id
 * @param state {@code healthy}, {@code degraded}, {@code down} or {@code disabled}
 * @param score 0–100 (healthy ≥ 80, degraded ≥ 50, down below), the specification's formula
 * @param asr answer-seizure ratio over the window, 0..1 (null without samples)
 * @param acdSeconds average call duration of answered calls over the window, s (null without any)
 * @param pddMs average post-dial delay over the window, ms (null without any)
 * @param averageLatencyMs average attempt latency over the window, ms
 * @param errorRatePercent failed attempts over the window, percent
 * @param samples attempts in the window
 * @param consecutiveFailures failed attempts in a row, now
 * @param breaker the carrier's circuit breaker as its adapter last reported it (closed until one does)
 * @param reason why the carrier is in its state (the last transition's cause)
 * @param disabledReason the operator's or the auto-disable policy's reason, when disabled
 * @param changedAt when the state last changed (UTC), or null if it never did
 * @param lastProbe the last active probe of the carrier (API read or SIP OPTIONS), or null if none yet
 */
public record CarrierHealthView(String carrier, String state, int score, Double asr, Double acdSeconds, Double pddMs,
                                double averageLatencyMs, double errorRatePercent, long samples, int consecutiveFailures,
                                BreakerState breaker, String reason, String disabledReason, Instant changedAt,
                                ProbeResult lastProbe) {
}
