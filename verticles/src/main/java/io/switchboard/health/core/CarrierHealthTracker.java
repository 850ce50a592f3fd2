package io.switchboard.health.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Health of one carrier: an {@link OutcomeWindow}, consecutive success/failure counters, the
 * {@link HealthScore} and a state machine with hysteresis. Starts {@link HealthState#HEALTHY}
 * (or whatever {@link #restore} sets).
 *
 * <p><b>Rules</b>, applied by {@link #evaluate(long)} (and after every {@link #record}), N, M and
 * the thresholds coming from the {@link HealthPolicy}:
 * <ol>
 *   <li>DISABLED by an operator never changes automatically; only {@link #enable} leaves it.
 *       DISABLED by the auto-disable rule is also left after
 *       {@code reenableAfterConsecutiveSuccesses} (if &gt; 0) consecutive successes, which only
 *       active probes can bring (a disabled carrier gets no calls): sustained probe success.
 *   <li>Auto-disable: consecutive failures ≥ {@code autoDisableAfterConsecutiveFailures} (if &gt;
 *       0) → DISABLED, reason {@code "auto-disabled after 10 consecutive call failures"}. Checked
 *       first, from any state, including DOWN.
 *   <li>Down rules, in this order of reason: consecutive failures ≥ N; window samples ≥
 *       {@code minimumSamples} and error rate ≥ {@code failureRateDownPercent}; window samples ≥
 *       {@code minimumSamples} and score &lt; 50 (one lost attempt is never enough). Any
 *       of them → DOWN (from HEALTHY or DEGRADED; DOWN stays DOWN). The two window rules (error
 *       rate, score) do not apply while the carrier is on a run of ≥ M consecutive successes:
 *       failures still in the window cannot hold down a carrier that works again.
 *   <li>Up from DOWN (hysteresis): consecutive successes ≥ M → HEALTHY if the score is ≥ 80,
 *       else DEGRADED (the window's old failures age out from there). One success is never
 *       enough when M &gt; 1.
 *   <li>HEALTHY → DEGRADED when the score is below 80 over at least {@code minimumSamples}
 *       attempts (and no down rule holds).
 *   <li>DEGRADED → HEALTHY when the score is ≥ 80 <em>and</em> the last outcome was a success
 *       (consecutive successes ≥ 1): an improving score alone (failures ageing out, incident
 *       ageing) waits for positive evidence. After a {@link #restore} the counters are zero, so a
 *       restored DEGRADED or DOWN state also waits for fresh successes.
 * </ol>
 * An <em>incident</em> is an automatic transition to DOWN or to DISABLED (auto-disable); its time
 * feeds the score's incident penalty (−20 under 30 min, −10 under 60 min). Operator disable and
 * enable are not incidents.
 *
 * <p>A {@link Transition}'s score is the score the decision was taken on, i.e. before the
 * incident penalty of that very transition; {@link #snapshot} afterwards includes it.
 *
 * <p><b>Threading:</b> not thread-safe. A tracker is confined to one thread, the health verticle's
 * event loop; all times are passed in ({@code nowMs}, epoch ms) and must not go backwards by more
 * than a bucket for the window to stay exact.
 */
public final class CarrierHealthTracker {

    private final String carrier;
    private final HealthPolicy policy;
    private final OutcomeWindow window;

    private HealthState state = HealthState.HEALTHY;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private Outcome lastOutcome;
    private Long lastIncidentAtMs;
    private String lastReason;
    private Long lastTransitionAtMs;
    private String disabledReason;
    /** Whether the current DISABLED state came from the auto-disable rule (probes may lift it). */
    private boolean autoDisabled;

    /**
     * @param carrier carrier id, not blank
     * @param policy configuration, not null
     * @throws IllegalArgumentException if {@code carrier} is null or blank, or {@code policy} null
     */
    public CarrierHealthTracker(String carrier, HealthPolicy policy) {
        if (carrier == null || carrier.isBlank()) {
            throw new IllegalArgumentException("carrier id is blank");
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy is null");
        }
        this.carrier = carrier;
        this.policy = policy;
        this.window = new OutcomeWindow(policy.windowMs());
    }

    /** @return the carrier id */
    public String carrier() {
        return carrier;
    }

    /** @return the configuration */
    public HealthPolicy policy() {
        return policy;
    }

    /** @return the current state */
    public HealthState state() {
        return state;
    }

    /**
     * Records one attempt outcome (call, message or probe) and re-evaluates.
     *
     * @param nowMs when the attempt ended, epoch ms
     * @param outcome how it ended, not null
     * @param latencyMs time to the carrier's answer (or time-out), ms, ≥ 0
     * @param pddMs post-dial delay, ms; null if not measured
     * @param durationS duration of the answered call, s, for ACD; null if none
     * @return the transition if the state changed
     * @throws IllegalArgumentException as {@link OutcomeWindow#record}
     */
    public Optional<Transition> record(long nowMs, Outcome outcome, long latencyMs, Long pddMs, Long durationS) {
        window.record(nowMs, outcome, latencyMs, pddMs, durationS);
        lastOutcome = outcome;
        if (outcome == Outcome.SUCCESS) {
            consecutiveSuccesses = increment(consecutiveSuccesses);
            consecutiveFailures = 0;
        } else {
            consecutiveFailures = increment(consecutiveFailures);
            consecutiveSuccesses = 0;
        }
        return evaluate(nowMs);
    }

    /**
     * Records the duration of an answered call of this carrier that ended, for ACD; not an
     * outcome (the state does not change).
     *
     * @param nowMs when it ended, epoch ms
     * @param durationS answer to hang-up, s, ≥ 0
     */
    public void recordCallDuration(long nowMs, long durationS) {
        window.recordDuration(nowMs, durationS);
    }

    /**
     * Re-evaluates the state at {@code nowMs} (outcomes leave the window, incidents age). Call it
     * periodically as well as after outcomes.
     *
     * @param nowMs epoch ms
     * @return the transition if the state changed
     */
    public Optional<Transition> evaluate(long nowMs) {
        if (state == HealthState.DISABLED) {
            if (autoDisabled && policy.reenableAfterConsecutiveSuccesses() > 0
                    && consecutiveSuccesses >= policy.reenableAfterConsecutiveSuccesses()) {
                int successes = consecutiveSuccesses;
                return enable(nowMs, "system", "re-enabled after " + successes + " consecutive successful probes");
            }
            return Optional.empty();
        }
        OutcomeWindow.Stats stats = window.stats(nowMs);
        int score = score(stats, nowMs);

        if (policy.autoDisableEnabled() && consecutiveFailures >= policy.autoDisableAfterConsecutiveFailures()) {
            String reason = "auto-disabled after " + consecutiveFailures + " consecutive call failures";
            disabledReason = reason;
            autoDisabled = true;
            lastIncidentAtMs = nowMs;
            return Optional.of(change(HealthState.DISABLED, reason, stats, score, nowMs, null));
        }

        String downReason = downReason(stats, score, nowMs);
        HealthBand band = HealthScore.band(score);
        HealthState target = state;
        String reason = null;
        if (downReason != null) {
            target = HealthState.DOWN;
            reason = downReason;
        } else if (state == HealthState.DOWN) {
            if (consecutiveSuccesses >= policy.upAfterConsecutiveSuccesses()) {
                // failures still in the window keep the score low: a carrier that works again
                // comes back degraded and becomes healthy as they age out
                target = band == HealthBand.HEALTHY ? HealthState.HEALTHY : HealthState.DEGRADED;
                reason = "recovered after " + consecutiveSuccesses + " consecutive successes, "
                        + scoreReason(score, stats, nowMs);
            }
        } else if (state == HealthState.HEALTHY && band != HealthBand.HEALTHY
                && stats.samples() >= policy.minimumSamples()) {
            target = HealthState.DEGRADED;
            reason = scoreReason(score, stats, nowMs);
        } else if (state == HealthState.DEGRADED && band == HealthBand.HEALTHY && consecutiveSuccesses >= 1) {
            target = HealthState.HEALTHY;
            reason = scoreReason(score, stats, nowMs);
        }
        if (target == state) {
            return Optional.empty();
        }
        if (target == HealthState.DOWN) {
            lastIncidentAtMs = nowMs;
        }
        return Optional.of(change(target, reason, stats, score, nowMs, null));
    }

    /**
     * Operator disable. Not an incident.
     *
     * @param nowMs epoch ms
     * @param actor who disables, not blank
     * @param reason why, not blank
     * @return the transition, empty if already DISABLED (the existing reason is kept)
     * @throws IllegalArgumentException if {@code actor} or {@code reason} is null or blank
     */
    public Optional<Transition> disable(long nowMs, String actor, String reason) {
        requireText(actor, "actor");
        requireText(reason, "reason");
        if (state == HealthState.DISABLED) {
            return Optional.empty();
        }
        OutcomeWindow.Stats stats = window.stats(nowMs);
        String text = "disabled by " + actor + ": " + reason;
        disabledReason = text;
        autoDisabled = false;
        return Optional.of(change(HealthState.DISABLED, text, stats, score(stats, nowMs), nowMs, actor));
    }

    /**
     * Operator enable: the only way out of DISABLED. Clears the consecutive counters (so the
     * auto-disable rule starts over), then sets the state the current window gives: DOWN if the
     * failure-rate rule holds or the score is below 50, else the score's band. Not an incident.
     *
     * @param nowMs epoch ms
     * @param actor who enables, not blank
     * @param reason why, not blank
     * @return the transition, empty if the carrier was not DISABLED
     * @throws IllegalArgumentException if {@code actor} or {@code reason} is null or blank
     */
    public Optional<Transition> enable(long nowMs, String actor, String reason) {
        requireText(actor, "actor");
        requireText(reason, "reason");
        if (state != HealthState.DISABLED) {
            return Optional.empty();
        }
        consecutiveFailures = 0;
        consecutiveSuccesses = 0;
        disabledReason = null;
        autoDisabled = false;
        OutcomeWindow.Stats stats = window.stats(nowMs);
        int score = score(stats, nowMs);
        String downReason = downReason(stats, score, nowMs);
        String text = "enabled by " + actor + ": " + reason;
        HealthState target = HealthScore.band(score).state();
        if (downReason != null) {
            target = HealthState.DOWN;
            text = text + "; still down: " + downReason;
        }
        return Optional.of(change(target, text, stats, score, nowMs, actor));
    }

    /**
     * Sets the state after a restart, from persisted data, without a transition. Counters are
     * cleared; the window is left as it is.
     *
     * @param restoredState persisted state, not null
     * @param reason persisted reason of the last transition (the disabled reason when DISABLED);
     *     may be null
     * @param lastTransitionAtMs persisted time of the last transition, epoch ms; may be null
     * @param lastIncidentAtMs persisted time of the last incident, epoch ms; may be null
     * @throws IllegalArgumentException if {@code restoredState} is null
     */
    public void restore(HealthState restoredState, String reason, Long lastTransitionAtMs, Long lastIncidentAtMs) {
        if (restoredState == null) {
            throw new IllegalArgumentException("restored state is null");
        }
        this.state = restoredState;
        this.lastReason = reason;
        this.lastTransitionAtMs = lastTransitionAtMs;
        this.lastIncidentAtMs = lastIncidentAtMs;
        this.disabledReason = restoredState == HealthState.DISABLED
                ? (reason == null ? "disabled (restored)" : reason)
                : null;
        this.autoDisabled = restoredState == HealthState.DISABLED && reason != null && reason.startsWith("auto-disabled");
        this.consecutiveFailures = 0;
        this.consecutiveSuccesses = 0;
        this.lastOutcome = null;
    }

    /**
     * @param nowMs epoch ms
     * @return the score at {@code nowMs}, 0..100
     */
    public int score(long nowMs) {
        return score(window.stats(nowMs), nowMs);
    }

    /**
     * @param nowMs epoch ms
     * @return state, score and window metrics at {@code nowMs}; does not change the state
     */
    public CarrierHealthSnapshot snapshot(long nowMs) {
        OutcomeWindow.Stats stats = window.stats(nowMs);
        return new CarrierHealthSnapshot(
                carrier,
                state,
                score(stats, nowMs),
                boxed(stats.asr()),
                boxed(stats.acdSeconds()),
                boxed(stats.averagePddMs()),
                stats.averageLatencyMs(),
                stats.errorRatePercent(),
                stats.samples(),
                consecutiveFailures,
                consecutiveSuccesses,
                lastReason,
                lastTransitionAtMs,
                disabledReason,
                lastIncidentAtMs);
    }

    private int score(OutcomeWindow.Stats stats, long nowMs) {
        return HealthScore.compute(stats.averageLatencyMs(), stats.errorRatePercent(), msSinceIncident(nowMs));
    }

    private Long msSinceIncident(long nowMs) {
        return lastIncidentAtMs == null ? null : Math.max(0L, nowMs - lastIncidentAtMs);
    }

    /** @return the reason of the first down rule that holds, or null */
    private String downReason(OutcomeWindow.Stats stats, int score, long nowMs) {
        if (consecutiveFailures >= policy.downAfterConsecutiveFailures()) {
            return consecutiveFailures + " consecutive failures"
                    + (lastOutcome == null ? "" : " (last: " + lastOutcome.wireName() + ")");
        }
        // Hysteresis: the window's rules cannot hold down a carrier that has just answered
        // upAfterConsecutiveSuccesses attempts in a row; only new failures put it down again.
        if (consecutiveSuccesses >= policy.upAfterConsecutiveSuccesses()) {
            return null;
        }
        if (stats.samples() >= policy.minimumSamples()
                && stats.errorRatePercent() >= policy.failureRateDownPercent()) {
            return "error rate " + percent(stats.errorRatePercent()) + " over " + stats.samples()
                    + " attempts in " + policy.windowMs() / 1000 + " s";
        }
        // like the error-rate rule, the score needs a sample: one lost attempt on an empty window
        // is a 100% error rate, and only N consecutive failures may put a carrier down on so little
        if (score < HealthScore.DEGRADED && stats.samples() >= policy.minimumSamples()) {
            return scoreReason(score, stats, nowMs);
        }
        return null;
    }

    private String scoreReason(int score, OutcomeWindow.Stats stats, long nowMs) {
        StringBuilder text = new StringBuilder()
                .append("score ").append(score)
                .append(": avg latency ").append(Math.round(stats.averageLatencyMs())).append(" ms")
                .append(", error rate ").append(percent(stats.errorRatePercent()));
        Long since = msSinceIncident(nowMs);
        if (HealthScore.incidentPenalty(since) > 0) {
            text.append(", incident ").append(since / 60_000L).append(" min ago");
        }
        return text.toString();
    }

    private Transition change(HealthState to, String reason, OutcomeWindow.Stats stats, int score, long nowMs, String actor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consecutiveFailures", consecutiveFailures);
        details.put("consecutiveSuccesses", consecutiveSuccesses);
        details.put("samples", stats.samples());
        details.put("errorRatePercent", round(stats.errorRatePercent(), 2));
        details.put("averageLatencyMs", round(stats.averageLatencyMs(), 1));
        details.put("score", score);
        details.put("windowMs", policy.windowMs());
        if (lastOutcome != null) {
            details.put("lastOutcome", lastOutcome.wireName());
        }
        if (actor != null) {
            details.put("actor", actor);
        }
        Transition transition = new Transition(carrier, state, to, score, reason, details, nowMs);
        state = to;
        lastReason = reason;
        lastTransitionAtMs = nowMs;
        if (to != HealthState.DISABLED) {
            disabledReason = null;
        }
        return transition;
    }

    /** @return e.g. {@code "62.5%"}, {@code "12%"}: one decimal, half up, no trailing zero */
    static String percent(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static int increment(int counter) {
        return counter == Integer.MAX_VALUE ? counter : counter + 1;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    @Override
    public String toString() {
        return "CarrierHealthTracker[" + carrier + ", " + state + "]";
    }
}
