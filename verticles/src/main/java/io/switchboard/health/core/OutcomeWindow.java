package io.switchboard.health.core;

import java.util.OptionalDouble;

/**
 * Sliding window of one carrier's attempt outcomes, kept as counters in a fixed ring of time
 * buckets: memory is bounded (at most {@value #DEFAULT_BUCKETS} buckets by default) whatever the
 * traffic. Default window: {@value #DEFAULT_WINDOW_MS} ms (5 minutes) in 60 buckets of 5 s.
 *
 * <p><b>Expiry.</b> An outcome recorded at {@code t} falls in bucket {@code floor(t / bucketMs)};
 * a query at {@code nowMs} counts the current bucket and the {@code bucketCount - 1} before it. An
 * outcome therefore stops counting at the start of the bucket {@code bucketCount} buckets after
 * its own, i.e. when it is between {@code windowMs - bucketMs} (exclusive) and {@code windowMs}
 * old. Outcomes recorded with a time older than a bucket the ring has already reused are dropped.
 *
 * <p><b>Metrics</b> (see {@link Stats}): samples, successes, failures ({@code FAILURE + TIMEOUT}),
 * error rate, average latency (of successes and failures; timeouts are left out because their
 * latency is only the time-out, and they already count as errors), ASR, ACD and average PDD.
 *
 * <p>Not thread-safe: confine an instance to one thread.
 */
public final class OutcomeWindow {

    /** Default window length, ms (5 minutes). */
    public static final long DEFAULT_WINDOW_MS = 300_000L;
    /** Default (and maximum automatic) number of buckets. */
    public static final int DEFAULT_BUCKETS = 60;

    private final long windowMs;
    private final int bucketCount;
    private final long bucketMs;
    private final Bucket[] buckets;

    /** A window of {@value #DEFAULT_WINDOW_MS} ms in 60 buckets of 5 s. */
    public OutcomeWindow() {
        this(DEFAULT_WINDOW_MS);
    }

    /**
     * A window of {@code windowMs} in the largest number of buckets ≤ 60 that divides it exactly
     * (60 for any multiple of 60 ms; at least 50 for any whole number of seconds).
     *
     * @param windowMs window length, ms, &gt; 0
     * @throws IllegalArgumentException if {@code windowMs} ≤ 0
     */
    public OutcomeWindow(long windowMs) {
        this(windowMs, bucketsFor(windowMs));
    }

    /**
     * @param windowMs window length, ms, &gt; 0
     * @param bucketCount number of buckets, &gt; 0, dividing {@code windowMs} exactly
     * @throws IllegalArgumentException if a value is out of range or does not divide
     */
    public OutcomeWindow(long windowMs, int bucketCount) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("window must be > 0 ms: " + windowMs);
        }
        if (bucketCount <= 0 || windowMs % bucketCount != 0) {
            throw new IllegalArgumentException(
                    "bucket count must be > 0 and divide the window (" + windowMs + " ms): " + bucketCount);
        }
        this.windowMs = windowMs;
        this.bucketCount = bucketCount;
        this.bucketMs = windowMs / bucketCount;
        this.buckets = new Bucket[bucketCount];
        for (int i = 0; i < bucketCount; i++) {
            buckets[i] = new Bucket();
        }
    }

    private static int bucketsFor(long windowMs) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("window must be > 0 ms: " + windowMs);
        }
        for (int n = (int) Math.min(DEFAULT_BUCKETS, windowMs); n > 1; n--) {
            if (windowMs % n == 0) {
                return n;
            }
        }
        return 1;
    }

    /** @return the window length, ms */
    public long windowMs() {
        return windowMs;
    }

    /** @return the number of buckets */
    public int bucketCount() {
        return bucketCount;
    }

    /** @return the length of one bucket, ms */
    public long bucketMs() {
        return bucketMs;
    }

    /**
     * Records the duration of an answered call that just ended, for ACD, without counting an
     * attempt (its attempt was counted when it was answered).
     *
     * @param nowMs when the call ended, epoch ms
     * @param durationS its duration from answer to hang-up, s, ≥ 0
     * @throws IllegalArgumentException if the duration is negative
     */
    public void recordDuration(long nowMs, long durationS) {
        if (durationS < 0) {
            throw new IllegalArgumentException("duration must be ≥ 0 s: " + durationS);
        }
        long index = Math.floorDiv(nowMs, bucketMs);
        Bucket bucket = buckets[(int) Math.floorMod(index, (long) bucketCount)];
        if (bucket.index > index) {
            return;
        }
        if (bucket.index < index) {
            bucket.reset(index);
        }
        bucket.durationSumS += durationS;
        bucket.durationCount++;
    }

    /**
     * Records one attempt outcome.
     *
     * @param nowMs when the attempt ended, epoch ms
     * @param outcome how it ended, not null
     * @param latencyMs time until the carrier's answer (or the time-out), ms, ≥ 0; not used in the
     *     latency average for {@link Outcome#TIMEOUT}
     * @param pddMs post-dial delay, ms, ≥ 0; null when not measured (messages, probes)
     * @param durationS duration of the answered call, s, ≥ 0, for ACD; null when not a call or not
     *     known; ignored unless {@code outcome} is {@link Outcome#SUCCESS}
     * @throws IllegalArgumentException if {@code outcome} is null or a number is negative
     */
    public void record(long nowMs, Outcome outcome, long latencyMs, Long pddMs, Long durationS) {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is null");
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency must be ≥ 0 ms: " + latencyMs);
        }
        if (pddMs != null && pddMs < 0) {
            throw new IllegalArgumentException("PDD must be ≥ 0 ms: " + pddMs);
        }
        if (durationS != null && durationS < 0) {
            throw new IllegalArgumentException("duration must be ≥ 0 s: " + durationS);
        }
        long index = Math.floorDiv(nowMs, bucketMs);
        Bucket bucket = buckets[(int) Math.floorMod(index, (long) bucketCount)];
        if (bucket.index > index) {
            return; // older than a bucket already reused: outside any window still queried
        }
        if (bucket.index < index) {
            bucket.reset(index);
        }
        bucket.samples++;
        switch (outcome) {
            case SUCCESS -> {
                bucket.successes++;
                if (durationS != null) {
                    bucket.durationSumS += durationS;
                    bucket.durationCount++;
                }
            }
            case FAILURE -> bucket.failures++;
            case TIMEOUT -> bucket.timeouts++;
        }
        if (outcome != Outcome.TIMEOUT) {
            bucket.latencySumMs += latencyMs;
            bucket.latencyCount++;
        }
        if (pddMs != null) {
            bucket.pddSumMs += pddMs;
            bucket.pddCount++;
        }
    }

    /**
     * @param nowMs query time, epoch ms
     * @return the totals of the buckets inside the window at {@code nowMs}
     */
    public Stats stats(long nowMs) {
        long current = Math.floorDiv(nowMs, bucketMs);
        long oldest = current - bucketCount + 1;
        long samples = 0, successes = 0, failures = 0, timeouts = 0;
        long latencySum = 0, latencyCount = 0, pddSum = 0, pddCount = 0, durationSum = 0, durationCount = 0;
        for (Bucket b : buckets) {
            if (b.index >= oldest && b.index <= current) {
                samples += b.samples;
                successes += b.successes;
                failures += b.failures + b.timeouts;
                timeouts += b.timeouts;
                latencySum += b.latencySumMs;
                latencyCount += b.latencyCount;
                pddSum += b.pddSumMs;
                pddCount += b.pddCount;
                durationSum += b.durationSumS;
                durationCount += b.durationCount;
            }
        }
        return new Stats(samples, successes, failures, timeouts, latencySum, latencyCount,
                pddSum, pddCount, durationSum, durationCount);
    }

    /** @return outcomes in the window at {@code nowMs} */
    public long samples(long nowMs) {
        return stats(nowMs).samples();
    }

    /** @return failures and timeouts in the window at {@code nowMs} */
    public long failures(long nowMs) {
        return stats(nowMs).failures();
    }

    /** @return see {@link Stats#errorRatePercent()} */
    public double errorRatePercent(long nowMs) {
        return stats(nowMs).errorRatePercent();
    }

    /** @return see {@link Stats#averageLatencyMs()} */
    public double averageLatencyMs(long nowMs) {
        return stats(nowMs).averageLatencyMs();
    }

    /** @return see {@link Stats#asr()} */
    public OptionalDouble asr(long nowMs) {
        return stats(nowMs).asr();
    }

    /** @return see {@link Stats#acdSeconds()} */
    public OptionalDouble acdSeconds(long nowMs) {
        return stats(nowMs).acdSeconds();
    }

    /** @return see {@link Stats#averagePddMs()} */
    public OptionalDouble averagePddMs(long nowMs) {
        return stats(nowMs).averagePddMs();
    }

    /**
     * Totals of a window at one instant. Derived values are plain, unrounded doubles; round for
     * display only.
     *
     * @param samples outcomes counted
     * @param successes {@link Outcome#SUCCESS} outcomes
     * @param failures {@link Outcome#FAILURE} plus {@link Outcome#TIMEOUT} outcomes
     * @param timeouts {@link Outcome#TIMEOUT} outcomes (included in {@code failures})
     * @param latencySumMs summed latency of the non-timeout outcomes, ms
     * @param latencyCount non-timeout outcomes
     * @param pddSumMs summed PDD, ms
     * @param pddCount outcomes with a PDD
     * @param durationSumS summed duration of successes with a duration, s
     * @param durationCount successes with a duration
     */
    public record Stats(
            long samples,
            long successes,
            long failures,
            long timeouts,
            long latencySumMs,
            long latencyCount,
            long pddSumMs,
            long pddCount,
            long durationSumS,
            long durationCount) {

        /** An empty window. */
        public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** @return {@code 100 × failures / samples}, percent, 0..100; 0 when there are no samples */
        public double errorRatePercent() {
            return samples == 0 ? 0.0 : failures * 100.0 / samples;
        }

        /** @return average latency of successes and failures, ms; 0 when there are none */
        public double averageLatencyMs() {
            return latencyCount == 0 ? 0.0 : (double) latencySumMs / latencyCount;
        }

        /** @return answer-seizure ratio {@code successes / samples}, 0..1; empty without samples */
        public OptionalDouble asr() {
            return samples == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) successes / samples);
        }

        /** @return average call duration of successes with a duration, s; empty if none */
        public OptionalDouble acdSeconds() {
            return durationCount == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) durationSumS / durationCount);
        }

        /** @return average post-dial delay, ms; empty if no outcome had one */
        public OptionalDouble averagePddMs() {
            return pddCount == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) pddSumMs / pddCount);
        }
    }

    private static final class Bucket {
        long index = Long.MIN_VALUE;
        long samples;
        long successes;
        long failures;
        long timeouts;
        long latencySumMs;
        long latencyCount;
        long pddSumMs;
        long pddCount;
        long durationSumS;
        long durationCount;

        void reset(long newIndex) {
            index = newIndex;
            samples = 0;
            successes = 0;
            failures = 0;
            timeouts = 0;
            latencySumMs = 0;
            latencyCount = 0;
            pddSumMs = 0;
            pddCount = 0;
            durationSumS = 0;
            durationCount = 0;
        }
    }
}
