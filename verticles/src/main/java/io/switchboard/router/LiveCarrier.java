package io.switchboard.router;

import io.switchboard.router.policy.CarrierStatus;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A carrier's live condition as this router knows it: the last reported health, breaker and
 * calls in progress, and the attempts this router sent it in the last second (a ring of ten
 * 100-ms buckets), for its CPS limit. One object per carrier, referenced from the routing
 * snapshot so a decision reads it without a map lookup. Thread-safe.
 *
 * <p>Counts only this router's attempts: with several routers each enforces the limit on its own
 * share (a cluster-wide limit comes with the API limits' Hazelcast counters).
 */
public final class LiveCarrier {

    private static final int BUCKETS = 10;
    private static final long BUCKET_MS = 100;

    private final LongSupplier clockMs;
    private final AtomicLongArray ring = new AtomicLongArray(BUCKETS * 2);
    private volatile CarrierStatus reported = CarrierStatus.UNKNOWN;

    /** @param clockMs current time in ms ({@code System::currentTimeMillis} in production) */
    public LiveCarrier(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** Records the carrier's reported health, breaker and calls in progress. */
    public void report(CarrierStatus status) {
        reported = status;
    }

    /** Counts one attempt sent to the carrier now. */
    public void sent() {
        long slot = clockMs.getAsLong() / BUCKET_MS;
        int i = (int) (slot % BUCKETS) * 2;
        if (ring.get(i) != slot) {
            ring.set(i, slot);
            ring.set(i + 1, 0);
        }
        ring.incrementAndGet(i + 1);
    }

    /** @return attempts sent in the last second (the last ten 100-ms buckets) */
    public int lastSecond() {
        long now = clockMs.getAsLong() / BUCKET_MS;
        long total = 0;
        for (int i = 0; i < BUCKETS * 2; i += 2) {
            if (now - ring.get(i) < BUCKETS) {
                total += ring.get(i + 1);
            }
        }
        return (int) total;
    }

    /** @return the reported condition with this router's count of the last second */
    public CarrierStatus status() {
        CarrierStatus status = reported;
        int sent = lastSecond();
        return sent == 0 ? status : new CarrierStatus(status.healthScore(), status.down(), status.disabled(),
                status.breaker(), sent, status.callsInProgress());
    }
}
