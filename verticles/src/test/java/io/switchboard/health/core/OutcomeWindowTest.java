package io.switchboard.health.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutcomeWindowTest {

    private static final long T0 = 1_700_000_000_000L; // a multiple of 5 s

    @Test
    void defaultIsFiveMinutesInSixtyBucketsOfFiveSeconds() {
        OutcomeWindow w = new OutcomeWindow();
        assertEquals(300_000L, w.windowMs());
        assertEquals(60, w.bucketCount());
        assertEquals(5_000L, w.bucketMs());
        assertEquals(50, new OutcomeWindow(1_000L).bucketCount());
        assertEquals(7, new OutcomeWindow(7L).bucketCount());
        assertEquals(1, new OutcomeWindow(61L).bucketCount()); // prime above 60: one bucket
        assertThrows(IllegalArgumentException.class, () -> new OutcomeWindow(0L));
        assertThrows(IllegalArgumentException.class, () -> new OutcomeWindow(1_000L, 3));
    }

    @Test
    void emptyWindow() {
        OutcomeWindow w = new OutcomeWindow();
        assertEquals(0, w.samples(T0));
        assertEquals(0.0, w.errorRatePercent(T0));
        assertEquals(0.0, w.averageLatencyMs(T0));
        assertFalse(w.asr(T0).isPresent());
        assertFalse(w.acdSeconds(T0).isPresent());
        assertFalse(w.averagePddMs(T0).isPresent());
    }

    @Test
    void countsAndErrorRate() {
        OutcomeWindow w = new OutcomeWindow();
        w.record(T0, Outcome.SUCCESS, 40, null, null);
        w.record(T0 + 1_000, Outcome.SUCCESS, 60, null, null);
        w.record(T0 + 2_000, Outcome.FAILURE, 20, null, null);
        w.record(T0 + 3_000, Outcome.TIMEOUT, 5_000, null, null);
        OutcomeWindow.Stats s = w.stats(T0 + 3_000);
        assertEquals(4, s.samples());
        assertEquals(2, s.successes());
        assertEquals(2, s.failures());
        assertEquals(1, s.timeouts());
        assertEquals(50.0, w.errorRatePercent(T0 + 3_000));
        assertEquals(2, w.failures(T0 + 3_000));
        // timeouts stay out of the latency average: (40 + 60 + 20) / 3
        assertEquals(40.0, w.averageLatencyMs(T0 + 3_000), 1e-9);
    }

    @Test
    void asrAcdPdd() {
        OutcomeWindow w = new OutcomeWindow();
        w.record(T0, Outcome.SUCCESS, 30, 2_000L, 60L);
        w.record(T0, Outcome.SUCCESS, 30, 4_000L, 120L);
        w.record(T0, Outcome.SUCCESS, 30, null, null);   // answered, duration unknown: not in ACD
        w.record(T0, Outcome.FAILURE, 30, 3_000L, 999L); // a failure's duration is ignored
        w.record(T0, Outcome.TIMEOUT, 30, null, null);
        assertEquals(0.6, w.asr(T0).getAsDouble(), 1e-12);
        assertEquals(90.0, w.acdSeconds(T0).getAsDouble(), 1e-12);
        assertEquals(3_000.0, w.averagePddMs(T0).getAsDouble(), 1e-12);
    }

    @Test
    void outcomesOlderThanTheWindowStopCounting() {
        OutcomeWindow w = new OutcomeWindow(); // 300 s in 5 s buckets
        w.record(T0, Outcome.FAILURE, 10, null, null);
        w.record(T0 + 4_999, Outcome.FAILURE, 10, null, null); // same bucket as T0
        w.record(T0 + 60_000, Outcome.SUCCESS, 10, null, null);
        assertEquals(3, w.samples(T0 + 299_999));
        // the first bucket leaves exactly windowMs after its start
        assertEquals(1, w.samples(T0 + 300_000));
        assertEquals(0.0, w.errorRatePercent(T0 + 300_000));
        assertEquals(1, w.samples(T0 + 359_999));
        assertEquals(0, w.samples(T0 + 360_000));
        assertEquals(0, w.samples(T0 + 10 * 300_000));
    }

    @Test
    void reusedBucketsAreReset() {
        OutcomeWindow w = new OutcomeWindow(60_000L); // 60 buckets of 1 s
        w.record(T0, Outcome.FAILURE, 10, null, null);
        // one window later the same ring slot is reused: the old failure must not leak in
        w.record(T0 + 60_000, Outcome.SUCCESS, 10, null, null);
        assertEquals(1, w.samples(T0 + 60_000));
        assertEquals(0, w.failures(T0 + 60_000));
        // a late outcome for a bucket already reused is dropped
        w.record(T0 + 500, Outcome.FAILURE, 10, null, null);
        assertEquals(1, w.samples(T0 + 60_000));
    }

    @Test
    void memoryIsBoundedWhateverTheTraffic() {
        OutcomeWindow w = new OutcomeWindow();
        for (int i = 0; i < 100_000; i++) {
            w.record(T0 + i * 10L, i % 4 == 0 ? Outcome.FAILURE : Outcome.SUCCESS, 50, null, null);
        }
        long now = T0 + 999_990L;
        // the window holds the last 300 s (current bucket + 59 before): one outcome per 10 ms
        assertEquals(30_000, w.samples(now));
        assertEquals(25.0, w.errorRatePercent(now), 1e-9);
    }

    @Test
    void rejectsBadInput() {
        OutcomeWindow w = new OutcomeWindow();
        assertThrows(IllegalArgumentException.class, () -> w.record(T0, null, 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> w.record(T0, Outcome.SUCCESS, -1, null, null));
        assertThrows(IllegalArgumentException.class, () -> w.record(T0, Outcome.SUCCESS, 1, -1L, null));
        assertThrows(IllegalArgumentException.class, () -> w.record(T0, Outcome.SUCCESS, 1, null, -1L));
    }

    @Test
    void aCallsDurationFeedsTheAcdWithoutCountingAnAttempt() {
        OutcomeWindow w = new OutcomeWindow(60_000L, 60);
        long t = 1_700_000_000_000L;
        w.record(t, Outcome.SUCCESS, 100, null, null);
        w.recordDuration(t + 5_000, 30);
        w.recordDuration(t + 6_000, 90);
        assertEquals(1, w.samples(t + 6_000));
        assertEquals(60.0, w.acdSeconds(t + 6_000).getAsDouble(), 1e-9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> w.recordDuration(t, -1));
    }
}
