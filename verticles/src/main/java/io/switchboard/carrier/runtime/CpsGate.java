package io.switchboard.carrier.runtime;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds requests to a carrier account to its calls-per-second limit (Twilio's guidance: CPS per
 * account, default 1; requests over it wait rather than fail). A Bucket4j token bucket of
 * {@code cps} tokens refilled every second; a request waits for its token at most
 * {@code maxWaitMs} (the attempt's own deadline), then is refused so the router can fail over.
 * The limit is per node: with the carrier role on N nodes an account sees up to N × cps.
 */
public final class CpsGate {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "switchboard-cps-gate");
        thread.setDaemon(true);
        return thread;
    });

    private final Bucket bucket;

    /** @param cps requests per second, at least 1 */
    public CpsGate(int cps) {
        this.bucket = Bucket.builder().addLimit(Bandwidth.builder().capacity(cps)
                .refillGreedy(cps, Duration.ofSeconds(1)).build()).build();
    }

    /**
     * @param context the context to complete on
     * @param maxWaitMs the longest wait for a token, ms
     * @return a future completed with true when the request may go, false when no token came in time
     */
    public Future<Boolean> acquire(Context context, long maxWaitMs) {
        if (bucket.tryConsume(1)) {
            return Future.succeededFuture(true);
        }
        if (maxWaitMs <= 0) {
            return Future.succeededFuture(false);
        }
        Promise<Boolean> promise = Promise.promise();
        bucket.asScheduler().tryConsume(1, TimeUnit.MILLISECONDS.toNanos(maxWaitMs), SCHEDULER)
                .whenComplete((granted, error) -> context.runOnContext(v -> promise.complete(error == null && granted)));
        return promise.future();
    }
}
