package io.switchboard.router;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Attempts this router sent to each carrier in the last second, for the carriers' CPS limits:
 * a ring of ten 100-ms buckets per carrier. Counts only this router's attempts; with several
 * routers each enforces the limit on its own share (a cluster-wide limit comes with the API
 * limits' Hazelcast counters).
 */
public final class CarrierLoad {

    private static final int BUCKETS = 10;
    private static final long BUCKET_MS = 100;

    private final ConcurrentHashMap<String, AtomicLongArray> rings = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier clockMs;

    /** @param clockMs current time in ms (System::currentTimeMillis in production) */
    public CarrierLoad(java.util.function.LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** Counts one attempt sent to {@code carrier} now. */
    public void record(String carrier) {
        AtomicLongArray ring = rings.computeIfAbsent(carrier, c -> new AtomicLongArray(BUCKETS * 2));
        long slot = clockMs.getAsLong() / BUCKET_MS;
        int i = (int) (slot % BUCKETS);
        if (ring.get(i * 2) != slot) {
            ring.set(i * 2, slot);
            ring.set(i * 2 + 1, 0);
        }
        ring.incrementAndGet(i * 2 + 1);
    }

    /** @return attempts sent to {@code carrier} in the last second (the last ten 100-ms buckets) */
    public int lastSecond(String carrier) {
        AtomicLongArray ring = rings.get(carrier);
        if (ring == null) {
            return 0;
        }
        long now = clockMs.getAsLong() / BUCKET_MS;
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long slot = ring.get(i * 2);
            if (now - slot < BUCKETS) {
                total += ring.get(i * 2 + 1);
            }
        }
        return (int) total;
    }
}
