package io.switchboard.api.limits;

import com.hazelcast.map.IMap;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Token buckets shared by the whole cluster: Bucket4j over a Hazelcast map ({@value #MAP}), one
 * bucket per API key, operation and set of limits, with one bandwidth per limited window (per
 * second, minute and day; each refilled greedily, so its capacity may be spent as a burst).
 *
 * <p>Each attempt is one Hazelcast entry processor on the partition that owns the bucket (Bucket4j's
 * {@code HazelcastProxyManager}, asynchronous: no thread waits), so two nodes taking tokens from one
 * bucket are serialized by its partition and never both take the last token. A bucket's entry
 * expires once it would be full again (plus 10 s), so idle keys cost no memory. When the limits of
 * a key change, its bucket key changes with them ({@link RateLimit#fingerprint}) and the new limits
 * start from a full bucket.
 *
 * <p>The entry processor's classes (Bucket4j) must be on the class path of every member that owns
 * partitions: every Switchboard node has them; another JVM that joins the cluster as a full member
 * needs {@code bucket4j_jdk17-hazelcast} too (or should join as a Hazelcast lite member).
 */
public final class ClusterRateLimiter {

    /** Name of the Hazelcast map holding the buckets (keys: {@code key|operation|limits}, values: Bucket4j state). */
    public static final String MAP = "switchboard.limits.buckets";

    private final AsyncProxyManager<String> buckets;

    /** @param map the Hazelcast map {@value #MAP} of the cluster */
    public ClusterRateLimiter(IMap<String, byte[]> map) {
        this.buckets = Bucket4jHazelcast.entryProcessorBasedBuilder(map)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build().asAsync();
    }

    /**
     * Takes one request's token.
     *
     * @param subject whose bucket: the API key's id (bucket keys are {@code subject|operation|limits})
     * @param operation the operation
     * @param limit the limits; must not be {@link RateLimit#unlimited()}
     * @param context the Vert.x context to complete on
     * @return the decision, or a failed future when Hazelcast could not answer
     */
    public Future<RateDecision> acquire(String subject, Operation operation, RateLimit limit, Context context) {
        List<RateDecision.Window> windows = RateDecision.windows(limit);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no limited window: " + limit);
        }
        BucketConfiguration configuration = configuration(windows);
        String key = subject + "|" + operation.id() + "|" + limit.fingerprint();
        CompletableFuture<VerboseResult<ConsumptionProbe>> attempt = buckets.builder()
                .build(key, () -> CompletableFuture.completedFuture(configuration))
                .asVerbose().tryConsumeAndReturnRemaining(1);
        return Future.fromCompletionStage(attempt, context).map(result -> {
            ConsumptionProbe probe = result.getValue();
            return RateDecision.of(windows, result.getDiagnostics().getAvailableTokensPerEachBandwidth(),
                    probe.isConsumed(), probe.getNanosToWaitForRefill(), System.currentTimeMillis());
        });
    }

    private static BucketConfiguration configuration(List<RateDecision.Window> windows) {
        var builder = BucketConfiguration.builder();
        for (RateDecision.Window w : windows) {
            builder.addLimit(Bandwidth.builder().capacity(w.capacity())
                    .refillGreedy(w.capacity(), Duration.ofNanos(w.periodNanos())).build());
        }
        return builder.build();
    }
}
