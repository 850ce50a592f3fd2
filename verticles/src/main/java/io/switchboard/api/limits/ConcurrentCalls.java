package io.switchboard.api.limits;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.config.IndexType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.switchboard.calls.LiveCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Concurrent voice calls per tenant, cluster-wide: a ledger (Hazelcast map {@value #MAP}) with one
 * entry per call that counts, valued with its tenant's id.
 *
 * <ul>
 * <li>{@link #acquire}: before a call is placed, take the tenant's lock (a Hazelcast map lock on
 *     {@code lock:<tenant>}: released by Hazelcast when its holder leaves the cluster, and leased for
 *     10 s at most), count the tenant's entries (an indexed predicate on the value) and, under the
 *     limit, add a reservation {@code r:<uuid>} with a time to live of {@code reservationTtlMs}. The
 *     lock serializes the count-and-add of one tenant across the cluster, so two nodes never both
 *     take the last slot (and a burst is never refused as a whole, as a lock-free write-then-count
 *     would).</li>
 * <li>{@link #bind}: once the call exists, the reservation becomes {@code c:<call id>} (no time to live:
 *     calls last hours).</li>
 * <li>{@link #release}: a failed create frees its reservation at once.</li>
 * <li>{@link #ended}: a call's final event ({@code call.completed}, {@code call.failed}) frees its
 *     slot at once, on every http-api node that hears it.</li>
 * <li>{@link #sweep}: a call that ended is no longer in the live-call map {@code switchboard.calls.live}
 *     (the call lifecycle removes it once its CDR is safe, and its own sweeper ends stuck calls),
 *     so the sweep removes every {@code c:} entry whose call is not live. This frees the slot of a
 *     call whose final event was missed (or came before its slot was bound), and heals whatever a
 *     crash left behind: a reservation of a node
 *     that died expires with its time to live; a call whose node died is still in the live map
 *     until the lifecycle's sweeper ends it, and then its entry goes at the next sweep.</li>
 * </ul>
 * Every node with the http-api role sweeps (removing twice is harmless).
 *
 * <p>Blocking Hazelcast calls run on Vert.x worker threads.
 */
public final class ConcurrentCalls {

    /** Name of the Hazelcast map of the ledger. */
    public static final String MAP = "switchboard.limits.calls";

    private static final String RESERVATION = "r:";
    private static final String CALL = "c:";
    private static final String LOCK = "lock:";
    private static final long LOCK_WAIT_MS = 5_000;
    private static final long LOCK_LEASE_MS = 10_000;

    private final Vertx vertx;
    private final IMap<String, String> ledger;
    private final IMap<String, String> live;
    private final long reservationTtlMs;

    /**
     * @param vertx the node's Vert.x (its worker pool runs the blocking calls)
     * @param hazelcast the cluster's Hazelcast
     * @param reservationTtlMs how long a reservation lives without its call, ms (longer than a call's routing)
     */
    public ConcurrentCalls(Vertx vertx, HazelcastInstance hazelcast, long reservationTtlMs) {
        this.vertx = vertx;
        this.ledger = hazelcast.getMap(MAP);
        this.live = hazelcast.getMap(LiveCalls.MAP);
        this.reservationTtlMs = reservationTtlMs;
    }

    /** Adds the index on the tenant id (idempotent); blocking, call from a worker or at start. */
    public void index() {
        ledger.addIndex(IndexType.HASH, "this");
    }

    /**
     * @param tenantId the tenant
     * @param limit its most concurrent calls, at least 1
     * @return the reservation's id when admitted, empty when the tenant is at its limit; failed when the
     *     tenant's lock stayed busy for 5 s or Hazelcast failed
     */
    public Future<Optional<String>> acquire(String tenantId, long limit) {
        return vertx.executeBlocking(() -> {
            String lock = LOCK + tenantId;
            if (!ledger.tryLock(lock, LOCK_WAIT_MS, TimeUnit.MILLISECONDS, LOCK_LEASE_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the ledger lock of tenant " + tenantId + " is busy");
            }
            try {
                if (count(tenantId) >= limit) {
                    return Optional.<String>empty();
                }
                String slot = RESERVATION + UUID.randomUUID();
                ledger.set(slot, tenantId, reservationTtlMs, TimeUnit.MILLISECONDS);
                return Optional.of(slot);
            } finally {
                ledger.unlock(lock);
            }
        }, false);
    }

    /** @return the tenant's entries (reservations and calls), blocking */
    long count(String tenantId) {
        return ledger.aggregate(Aggregators.count(), Predicates.equal("this", tenantId));
    }

    /**
     * @param tenantId the tenant
     * @return how many calls and reservations count against the tenant now
     */
    public Future<Long> inUse(String tenantId) {
        return vertx.executeBlocking(() -> count(tenantId), false);
    }

    /**
     * Turns a reservation into the call it was for.
     *
     * @param slot the reservation from {@link #acquire}
     * @param tenantId its tenant
     * @param callId the call's id
     */
    public Future<Void> bind(String slot, String tenantId, String callId) {
        return Future.fromCompletionStage(ledger.setAsync(CALL + callId, tenantId))
                .compose(v -> Future.fromCompletionStage(ledger.removeAsync(slot))).mapEmpty();
    }

    /** Frees a reservation (its call was not created). */
    public Future<Void> release(String slot) {
        return Future.fromCompletionStage(ledger.removeAsync(slot)).mapEmpty();
    }

    /**
     * Frees the slot of a call that ended (on its {@code call.completed} or {@code call.failed} event);
     * removing an absent entry is harmless.
     *
     * @param callId the call's id
     */
    public Future<Void> ended(String callId) {
        return Future.fromCompletionStage(ledger.removeAsync(CALL + callId)).mapEmpty();
    }

    /**
     * Frees the slots of calls that are no longer live. Reads the ledger's call entries first and the
     * live calls second: a call bound before the first read was already live then, so missing from
     * the second read means it ended.
     *
     * @return how many entries were removed
     */
    public Future<Integer> sweep() {
        return vertx.executeBlocking(() -> {
            Set<String> calls = new HashSet<>();
            for (String key : ledger.keySet()) {
                if (key.startsWith(CALL)) {
                    calls.add(key);
                }
            }
            if (calls.isEmpty()) {
                return 0;
            }
            Set<String> liveIds = live.keySet();
            int removed = 0;
            for (String key : calls) {
                if (!liveIds.contains(key.substring(CALL.length()))) {
                    ledger.delete(key);
                    removed++;
                }
            }
            return removed;
        }, false);
    }
}
