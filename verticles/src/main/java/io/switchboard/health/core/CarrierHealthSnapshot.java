package io.switchboard.health.core;

/**
 * A carrier's health at one instant, for {@code GET /v1/carriers/health}, shared data and
 * persistence. Nullable fields are null when there is nothing to report.
 *
 * @param carrier carrier id
 * @param state current state
 * @param score health score, 0..100, computed from the window even when DOWN or DISABLED
 * @param asr answer-seizure ratio over the window, 0..1; null without samples
 * @param acdSeconds average duration of answered calls over the window, s; null without any
 * @param averagePddMs average post-dial delay over the window, ms; null without any
 * @param averageLatencyMs average latency over the window (timeouts excluded), ms; 0 without data
 * @param errorRatePercent failures and timeouts over samples, percent, 0..100; 0 without samples
 * @param samples outcomes in the window
 * @param consecutiveFailures current run of failures/timeouts
 * @param consecutiveSuccesses current run of successes
 * @param reason reason of the last transition (or of the restored state); null if none yet
 * @param lastTransitionAtMs time of the last transition, epoch ms; null if none yet
 * @param disabledReason why the carrier is disabled; null unless DISABLED
 * @param lastIncidentAtMs time of the last incident (automatic DOWN or auto-disable), epoch ms;
 *     null if none — persist it so the score's incident penalty survives a restart
 */
public record CarrierHealthSnapshot(
        String carrier,
        HealthState state,
        int score,
        Double asr,
        Double acdSeconds,
        Double averagePddMs,
        double averageLatencyMs,
        double errorRatePercent,
        long samples,
        int consecutiveFailures,
        int consecutiveSuccesses,
        String reason,
        Long lastTransitionAtMs,
        String disabledReason,
        Long lastIncidentAtMs) {
}
