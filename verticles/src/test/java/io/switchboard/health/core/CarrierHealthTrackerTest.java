package io.switchboard.health.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CarrierHealthTrackerTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long MIN = 60_000L;

    private long now = T0;

    /** The defaults, but an auto-disabled carrier waits for an operator (no probe re-enabling). */
    private CarrierHealthTracker tracker() {
        HealthPolicy d = HealthPolicy.DEFAULTS;
        return new CarrierHealthTracker("acme", new HealthPolicy(d.windowMs(), d.downAfterConsecutiveFailures(),
                d.upAfterConsecutiveSuccesses(), d.failureRateDownPercent(), d.minimumSamples(),
                d.autoDisableAfterConsecutiveFailures()));
    }

    /** Defaults but a minimum sample of one: the window's score rules act on every attempt. */
    private CarrierHealthTracker sensitive() {
        return new CarrierHealthTracker("acme", new HealthPolicy(300_000L, 3, 2, 50.0, 1, 10));
    }

    /** Records {@code n} outcomes 100 ms apart, asserting that none changes the state. */
    private void recordQuietly(CarrierHealthTracker t, int n, Outcome outcome, long latencyMs) {
        for (int i = 0; i < n; i++) {
            Optional<Transition> tr = t.record(now += 100, outcome, latencyMs, null, null);
            assertTrue(tr.isEmpty(), () -> "unexpected transition " + tr);
        }
    }

    private Transition recordExpecting(CarrierHealthTracker t, Outcome outcome, long latencyMs, HealthState to) {
        Optional<Transition> tr = t.record(now += 100, outcome, latencyMs, null, null);
        assertTrue(tr.isPresent(), "expected a transition to " + to);
        assertEquals(to, tr.get().to());
        assertEquals(to, t.state());
        return tr.get();
    }

    /** 40 fast successes: a healthy carrier with enough history that a few failures do not sink the score. */
    private CarrierHealthTracker healthyWithHistory() {
        CarrierHealthTracker t = tracker();
        recordQuietly(t, 40, Outcome.SUCCESS, 50);
        assertEquals(HealthState.HEALTHY, t.state());
        return t;
    }

    @Test
    void startsHealthyAndNothingChangesWithoutCause() {
        CarrierHealthTracker t = tracker();
        assertEquals(HealthState.HEALTHY, t.state());
        assertTrue(t.evaluate(now).isEmpty());
        recordQuietly(t, 5, Outcome.SUCCESS, 80);
        assertTrue(t.evaluate(now + 10 * MIN).isEmpty());
        CarrierHealthSnapshot s = t.snapshot(now);
        assertEquals(100, s.score());
        assertNull(s.reason());
        assertNull(s.lastTransitionAtMs());
    }

    @Test
    void downExactlyAtNConsecutiveFailuresNotBefore() {
        CarrierHealthTracker t = healthyWithHistory();
        recordQuietly(t, 1, Outcome.FAILURE, 50);
        recordQuietly(t, 1, Outcome.TIMEOUT, 2_000); // N - 1 = 2: still healthy
        assertEquals(HealthState.HEALTHY, t.state());

        Transition tr = recordExpecting(t, Outcome.TIMEOUT, 2_000, HealthState.DOWN);
        assertEquals(HealthState.HEALTHY, tr.from());
        assertEquals("acme", tr.carrier());
        assertEquals("3 consecutive failures (last: timeout)", tr.reason());
        assertEquals(now, tr.atMs());
        // 3 of 43 failed: 6.98% -> -13; the score is the one the decision was taken on
        assertEquals(87, tr.score());
        assertEquals(3, tr.details().get("consecutiveFailures"));
        assertEquals(0, tr.details().get("consecutiveSuccesses"));
        assertEquals(43L, tr.details().get("samples"));
        assertEquals(6.98, tr.details().get("errorRatePercent"));
        assertEquals("timeout", tr.details().get("lastOutcome"));

        // the DOWN transition is an incident: -20 from now on
        CarrierHealthSnapshot s = t.snapshot(now);
        assertEquals(now, s.lastIncidentAtMs());
        assertEquals(67, s.score());
        assertEquals("3 consecutive failures (last: timeout)", s.reason());
        assertEquals(now, s.lastTransitionAtMs());

        // staying down is not a change
        recordQuietly(t, 2, Outcome.FAILURE, 50);
        assertTrue(t.evaluate(now).isEmpty());
    }

    @Test
    void oneSuccessDoesNotBringItBackMSuccessesDo() {
        CarrierHealthTracker t = healthyWithHistory();
        recordQuietly(t, 2, Outcome.FAILURE, 50);
        recordExpecting(t, Outcome.FAILURE, 50, HealthState.DOWN);

        recordQuietly(t, 1, Outcome.SUCCESS, 50); // M - 1
        assertEquals(HealthState.DOWN, t.state());

        Transition up = recordExpecting(t, Outcome.SUCCESS, 50, HealthState.DEGRADED);
        assertEquals(HealthState.DOWN, up.from());
        // 3 of 45 failed: 6.67% -> -13; incident just now -> -20
        assertEquals(67, up.score());
        assertEquals("recovered after 2 consecutive successes, score 67: avg latency 50 ms, "
                + "error rate 6.7%, incident 0 min ago", up.reason());

        // the incident keeps it degraded even with more successes...
        recordQuietly(t, 5, Outcome.SUCCESS, 50);
        assertEquals(HealthState.DEGRADED, t.state());
        // ...until the failures leave the window and the incident is over 30 minutes old
        Transition healthy = t.evaluate(now + 31 * MIN).orElseThrow();
        assertEquals(HealthState.HEALTHY, healthy.to());
        assertEquals("score 90: avg latency 0 ms, error rate 0%, incident 31 min ago", healthy.reason());
        assertTrue(t.evaluate(now + 61 * MIN).isEmpty());
        assertEquals(100, t.score(now + 61 * MIN));
    }

    @Test
    void aSlowButAnsweringCarrierComesBackDegradedAfterMSuccessesAndFailuresPutItDownAgain() {
        CarrierHealthTracker t = sensitive();
        Transition down = recordExpecting(t, Outcome.SUCCESS, 700, HealthState.DOWN);
        assertEquals("score 40: avg latency 700 ms, error rate 0%", down.reason());
        assertEquals(40, down.score());
        // M = 2 successes in a row: it works, slowly; the window cannot hold it down any more
        Transition back = recordExpecting(t, Outcome.SUCCESS, 700, HealthState.DEGRADED);
        assertTrue(back.reason().startsWith("recovered after 2 consecutive successes, score 20"), back.reason());
        recordQuietly(t, 10, Outcome.SUCCESS, 700);
        assertEquals(HealthState.DEGRADED, t.state(), "a poor score without failures is degraded, not down");
        // a failure ends the run of successes: the window's score rule applies again
        Transition again = recordExpecting(t, Outcome.FAILURE, 700, HealthState.DOWN);
        assertTrue(again.reason().startsWith("score "), again.reason());
    }

    @Test
    void failuresStillInTheWindowDoNotHoldDownACarrierThatAnswersAgain() {
        CarrierHealthTracker outage = new CarrierHealthTracker("acme", new HealthPolicy(300_000L, 3, 2, 50.0, 20, 0));
        recordQuietly(outage, 2, Outcome.FAILURE, 50);
        Transition down = recordExpecting(outage, Outcome.TIMEOUT, 50, HealthState.DOWN);
        assertEquals("3 consecutive failures (last: timeout)", down.reason());
        recordQuietly(outage, 20, Outcome.FAILURE, 50);
        recordQuietly(outage, 1, Outcome.SUCCESS, 50);
        assertEquals(HealthState.DOWN, outage.state(), "one success is not enough (M = 2)");
        Transition back = recordExpecting(outage, Outcome.SUCCESS, 50, HealthState.DEGRADED);
        assertTrue(outage.snapshot(now).errorRatePercent() > 80, "the window still holds the outage's failures");
        assertTrue(back.reason().startsWith("recovered after 2 consecutive successes"), back.reason());
    }

    @Test
    void failureRateRuleNeedsTheMinimumSample() {
        HealthPolicy policy = new HealthPolicy(300_000L, 100, 2, 20.0, 20, 0);
        CarrierHealthTracker t = new CarrierHealthTracker("acme", policy);
        // S S S S F repeated: 20% errors (score 60) changes nothing below 20 samples
        for (int round = 0; round < 3; round++) {
            recordQuietly(t, 4, Outcome.SUCCESS, 50);
            recordQuietly(t, 1, Outcome.FAILURE, 50);
        }
        recordQuietly(t, 4, Outcome.SUCCESS, 50);
        Transition down = recordExpecting(t, Outcome.FAILURE, 50, HealthState.DOWN);
        assertEquals("error rate 20% over 20 attempts in 300 s", down.reason());
        assertEquals(60, down.score());
    }

    @Test
    void failureRateReasonWithDefaults() {
        CarrierHealthTracker t = tracker();
        recordQuietly(t, 14, Outcome.SUCCESS, 50);
        // F F S patterns never reach 3 consecutive failures
        Optional<Transition> first = Optional.empty();
        for (int i = 0; i < 5; i++) {
            for (Outcome o : new Outcome[] {Outcome.FAILURE, Outcome.FAILURE, Outcome.SUCCESS}) {
                Optional<Transition> tr = t.record(now += 100, o, 50, null, null);
                if (first.isEmpty() && tr.isPresent() && tr.get().to() == HealthState.DOWN) {
                    first = tr;
                }
            }
        }
        assertEquals(HealthState.DOWN, t.state());
        // the window now holds 29 outcomes, 10 failed, not yet 50%: the score rule took it down
        assertTrue(first.orElseThrow().reason().startsWith("score "), first.get().reason());
        // 24 failures among 29 + 19 = 48 attempts is 50%: more failures keep it down, no new transition
        recordQuietly(t, 2, Outcome.FAILURE, 50);
        assertEquals(HealthState.DOWN, t.state());
    }

    @Test
    void healthyToDegradedAndBackOnlyAfterASuccess() {
        CarrierHealthTracker t = sensitive();
        recordQuietly(t, 1, Outcome.SUCCESS, 300); // -20: score 80, still healthy
        assertEquals(80, t.score(now));
        Transition degraded = recordExpecting(t, Outcome.SUCCESS, 320, HealthState.DEGRADED);
        assertEquals(HealthState.HEALTHY, degraded.from());
        assertEquals(79, degraded.score());
        assertEquals("score 79: avg latency 310 ms, error rate 0%", degraded.reason());

        // the slow outcomes leave the window; the last outcome was a success -> healthy
        Transition healthy = t.evaluate(now + 5 * MIN + 5_000).orElseThrow();
        assertEquals(HealthState.HEALTHY, healthy.to());
        assertEquals(100, healthy.score());
        assertEquals("score 100: avg latency 0 ms, error rate 0%", healthy.reason());
    }

    @Test
    void restoredDegradedWaitsForASuccess() {
        CarrierHealthTracker t = tracker();
        t.restore(HealthState.DEGRADED, "score 70: avg latency 400 ms, error rate 0%", T0 - MIN, null);
        CarrierHealthSnapshot s = t.snapshot(now);
        assertEquals(HealthState.DEGRADED, s.state());
        assertEquals("score 70: avg latency 400 ms, error rate 0%", s.reason());
        assertEquals(T0 - MIN, s.lastTransitionAtMs());
        assertEquals(100, s.score());
        assertTrue(t.evaluate(now).isEmpty()); // score 100, but no success yet
        recordExpecting(t, Outcome.SUCCESS, 50, HealthState.HEALTHY);
    }

    @Test
    void restoredDownNeedsMSuccessesAndKeepsTheIncident() {
        CarrierHealthTracker t = tracker();
        t.restore(HealthState.DOWN, "3 consecutive failures (last: timeout)", T0 - 40 * MIN, T0 - 40 * MIN);
        assertEquals(HealthState.DOWN, t.state());
        assertEquals(90, t.score(now)); // incident 40 min ago: -10
        assertTrue(t.evaluate(now).isEmpty());
        recordQuietly(t, 1, Outcome.SUCCESS, 50);
        Transition up = recordExpecting(t, Outcome.SUCCESS, 50, HealthState.HEALTHY);
        assertEquals(HealthState.DOWN, up.from());
        assertEquals(90, up.score());
    }

    @Test
    void autoDisabledAtTenConsecutiveFailuresAndStaysDisabledUntilEnabled() {
        CarrierHealthTracker t = healthyWithHistory();
        recordQuietly(t, 2, Outcome.FAILURE, 50);
        recordExpecting(t, Outcome.FAILURE, 50, HealthState.DOWN);
        recordQuietly(t, 6, Outcome.FAILURE, 50); // 9 consecutive: still only down
        assertEquals(HealthState.DOWN, t.state());

        Transition disabled = recordExpecting(t, Outcome.FAILURE, 50, HealthState.DISABLED);
        assertEquals(HealthState.DOWN, disabled.from());
        assertEquals("auto-disabled after 10 consecutive call failures", disabled.reason());
        assertEquals(10, disabled.details().get("consecutiveFailures"));
        long disabledAt = now;

        recordQuietly(t, 20, Outcome.SUCCESS, 50);
        assertTrue(t.evaluate(now + 2 * 60 * MIN).isEmpty());
        CarrierHealthSnapshot s = t.snapshot(now);
        assertEquals(HealthState.DISABLED, s.state());
        assertEquals("auto-disabled after 10 consecutive call failures", s.disabledReason());
        assertEquals(disabledAt, s.lastIncidentAtMs());
        assertEquals(20, s.consecutiveSuccesses());

        Transition enabled = t.enable(now, "alice", "carrier fixed its trunk").orElseThrow();
        assertEquals(HealthState.DISABLED, enabled.from());
        // 10 of 70 failed: 14.29% -> -28; auto-disable 2 s ago is an incident -> -20: 52
        assertEquals(52, enabled.score());
        assertEquals(HealthState.DEGRADED, enabled.to());
        assertEquals("enabled by alice: carrier fixed its trunk", enabled.reason());
        assertEquals("alice", enabled.details().get("actor"));
        s = t.snapshot(now);
        assertNull(s.disabledReason());
        assertEquals(0, s.consecutiveFailures());
        assertEquals(0, s.consecutiveSuccesses());
    }

    @Test
    void autoDisableZeroNeverDisables() {
        HealthPolicy policy = new HealthPolicy(300_000L, 3, 2, 50.0, 20, 0);
        CarrierHealthTracker t = new CarrierHealthTracker("acme", policy);
        recordQuietly(t, 2, Outcome.FAILURE, 50);
        recordExpecting(t, Outcome.FAILURE, 50, HealthState.DOWN);
        recordQuietly(t, 50, Outcome.TIMEOUT, 1_000);
        assertEquals(HealthState.DOWN, t.state());
    }

    @Test
    void enableOfAFailingCarrierLeavesItDown() {
        CarrierHealthTracker t = sensitive();
        recordQuietly(t, 1, Outcome.SUCCESS, 50);
        t.record(now += 100, Outcome.FAILURE, 50, null, null);
        t.disable(now, "bob", "suspect");
        Transition enabled = t.enable(now, "bob", "try again").orElseThrow();
        assertEquals(HealthState.DOWN, enabled.to());
        assertEquals("enabled by bob: try again; still down: error rate 50% over 2 attempts in 300 s",
                enabled.reason());
    }

    @Test
    void operatorDisableAndEnable() {
        CarrierHealthTracker t = tracker();
        recordQuietly(t, 3, Outcome.SUCCESS, 50);
        Transition disabled = t.disable(now, "bob", "maintenance window").orElseThrow();
        assertEquals(HealthState.HEALTHY, disabled.from());
        assertEquals(HealthState.DISABLED, disabled.to());
        assertEquals("disabled by bob: maintenance window", disabled.reason());
        assertEquals("bob", disabled.details().get("actor"));
        assertEquals(HealthState.DISABLED, t.state());
        assertEquals("disabled by bob: maintenance window", t.snapshot(now).disabledReason());
        assertNull(t.snapshot(now).lastIncidentAtMs()); // operator action is no incident

        assertTrue(t.disable(now, "carol", "again").isEmpty());
        assertEquals("disabled by bob: maintenance window", t.snapshot(now).disabledReason());
        recordQuietly(t, 5, Outcome.SUCCESS, 50);

        Transition enabled = t.enable(now, "bob", "maintenance over").orElseThrow();
        assertEquals(HealthState.HEALTHY, enabled.to());
        assertEquals(100, enabled.score());
        assertEquals("enabled by bob: maintenance over", enabled.reason());
        assertTrue(t.enable(now, "bob", "twice").isEmpty());

        assertThrows(IllegalArgumentException.class, () -> t.disable(now, " ", "x"));
        assertThrows(IllegalArgumentException.class, () -> t.disable(now, "bob", null));
        assertThrows(IllegalArgumentException.class, () -> t.enable(now, null, "x"));
        assertEquals(HealthState.HEALTHY, t.state());
    }

    @Test
    void restoredDisabledStaysDisabled() {
        CarrierHealthTracker t = tracker();
        t.restore(HealthState.DISABLED, "disabled by bob: contract ended", T0 - MIN, null);
        recordQuietly(t, 5, Outcome.SUCCESS, 50);
        assertEquals("disabled by bob: contract ended", t.snapshot(now).disabledReason());
        assertEquals(HealthState.DISABLED, t.enable(now, "bob", "renewed").orElseThrow().from());
        assertThrows(IllegalArgumentException.class, () -> t.restore(null, "x", null, null));
    }

    @Test
    void snapshotExposesWindowMetrics() {
        CarrierHealthTracker t = healthyWithHistory(); // 40 successes, 50 ms, no PDD/duration
        t.record(now += 100, Outcome.SUCCESS, 50, 3_000L, 120L);
        t.record(now += 100, Outcome.SUCCESS, 50, 1_000L, 60L);
        t.record(now += 100, Outcome.FAILURE, 170, 2_000L, null);
        t.record(now += 100, Outcome.TIMEOUT, 10_000, null, null);
        CarrierHealthSnapshot s = t.snapshot(now);
        assertEquals("acme", s.carrier());
        assertEquals(44, s.samples());
        assertEquals(42.0 / 44, s.asr(), 1e-12);
        assertEquals(90.0, s.acdSeconds(), 1e-12);
        assertEquals(2_000.0, s.averagePddMs(), 1e-12);
        assertEquals((42 * 50 + 170) / 43.0, s.averageLatencyMs(), 1e-9);
        assertEquals(200.0 / 44, s.errorRatePercent(), 1e-9);
        assertEquals(2, s.consecutiveFailures());
        assertEquals(0, s.consecutiveSuccesses());
        assertEquals(91, s.score()); // 4.55% -> -9
        assertEquals(HealthState.HEALTHY, s.state());
    }

    @Test
    void policyValidation() {
        assertEquals(HealthPolicy.DEFAULTS, HealthPolicy.defaults());
        assertEquals(300_000L, HealthPolicy.DEFAULTS.windowMs());
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(1_500L, 3, 2, 50, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(300_000L, 0, 2, 50, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(300_000L, 3, 0, 50, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(300_000L, 3, 2, 0, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(300_000L, 3, 2, 50, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(300_000L, 3, 2, 50, 20, -1));
        assertThrows(IllegalArgumentException.class, () -> new CarrierHealthTracker(" ", HealthPolicy.DEFAULTS));
        assertThrows(IllegalArgumentException.class, () -> new CarrierHealthTracker("acme", null));
    }

    @Test
    void sustainedProbeSuccessLiftsAnAutoDisableButNotAnOperatorsDisable() {
        CarrierHealthTracker t = new CarrierHealthTracker("acme", new HealthPolicy(300_000L, 3, 2, 50.0, 20, 10, 5));
        for (int i = 0; i < 10; i++) {
            t.record(now += 100, Outcome.FAILURE, 50, null, null);
        }
        assertEquals(HealthState.DISABLED, t.state());
        for (int i = 0; i < 4; i++) {
            assertTrue(t.record(now += 100, Outcome.SUCCESS, 50, null, null).isEmpty(), "4 successes are not enough");
        }
        Transition lifted = t.record(now += 100, Outcome.SUCCESS, 50, null, null).orElseThrow();
        assertEquals(HealthState.DISABLED, lifted.from());
        assertTrue(lifted.reason().contains("5 consecutive successful probes"), lifted.reason());

        t.disable(now += 100, "ops", "maintenance");
        for (int i = 0; i < 20; i++) {
            t.record(now += 100, Outcome.SUCCESS, 50, null, null);
        }
        assertEquals(HealthState.DISABLED, t.state(), "an operator's disable waits for the operator");
    }

    @Test
    void withoutTheRePolicyAnAutoDisableWaitsForAnOperator() {
        CarrierHealthTracker t = new CarrierHealthTracker("acme", new HealthPolicy(300_000L, 3, 2, 50.0, 20, 10));
        for (int i = 0; i < 10; i++) {
            t.record(now += 100, Outcome.FAILURE, 50, null, null);
        }
        for (int i = 0; i < 20; i++) {
            t.record(now += 100, Outcome.SUCCESS, 50, null, null);
        }
        assertEquals(HealthState.DISABLED, t.state());
    }
}
