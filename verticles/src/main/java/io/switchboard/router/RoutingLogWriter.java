package io.switchboard.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.bus.RouteResult;
import io.switchboard.contract.model.RoutePlan;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every routing decision to {@code routing_log} in batches: entries are buffered and
 * flushed every {@value #FLUSH_MS} ms, or at {@value #BATCH} entries, as one multi-row insert
 * ({@code unnest} over arrays). Runs on the router verticle's event loop (not thread-safe).
 * A flush that fails is logged and its entries dropped: the routing log is for inspection, the
 * CDRs are the records that must not be lost.
 */
public final class RoutingLogWriter {

    /** Flush period, ms. */
    public static final long FLUSH_MS = 500;
    /** Entries that trigger a flush before the period ends. */
    public static final int BATCH = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(RoutingLogWriter.class);

    private record Entry(RoutePlan plan, String tenantId, String policy, String outcome, String carrier, int attempts) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final String nodeId;
    private List<Entry> buffer = new ArrayList<>();
    private long timer = -1;

    /**
     * @param vertx for the flush timer
     * @param pool where to write
     * @param nodeId this node, stored with each entry
     */
    public RoutingLogWriter(Vertx vertx, Pool pool, String nodeId) {
        this.vertx = vertx;
        this.pool = pool;
        this.nodeId = nodeId;
    }

    /** Starts the periodic flush. */
    public void start() {
        timer = vertx.setPeriodic(FLUSH_MS, id -> flush());
    }

    /** Records a decision that was only explained (no attempt made). */
    public void planned(RoutePlan plan, String tenantId, String policy) {
        add(new Entry(plan, tenantId, policy, null, null, 0));
    }

    /** Records a decision and the outcome of its failover loop. */
    public void routed(RouteResult result, String tenantId, String policy) {
        String outcome = result.carrier() != null ? "routed" : result.attempts().isEmpty() ? "no_route" : "all_failed";
        add(new Entry(result.plan(), tenantId, policy, outcome, result.carrier(), result.attempts().size()));
    }

    private void add(Entry entry) {
        buffer.add(entry);
        if (buffer.size() >= BATCH) {
            flush();
        }
    }

    /** Writes what is buffered; the future completes when it is stored (or dropped on error). */
    public Future<Void> flush() {
        if (buffer.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Entry> batch = buffer;
        buffer = new ArrayList<>();
        int n = batch.size();
        String[] requestIds = new String[n];
        UUID[] tenants = new UUID[n];
        String[] services = new String[n];
        String[] destinations = new String[n];
        String[] policies = new String[n];
        String[] plans = new String[n];
        String[] outcomes = new String[n];
        String[] carriers = new String[n];
        Integer[] attempts = new Integer[n];
        Integer[] micros = new Integer[n];
        String[] decided = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = batch.get(i);
            requestIds[i] = e.plan().requestId();
            tenants[i] = tenant(e.tenantId());
            services[i] = e.plan().service().wireName();
            destinations[i] = e.plan().destination().value();
            policies[i] = e.policy();
            plans[i] = json(e.plan());
            outcomes[i] = e.outcome();
            carriers[i] = e.carrier();
            attempts[i] = e.attempts();
            micros[i] = (int) Math.min(Integer.MAX_VALUE, e.plan().decisionMicros());
            decided[i] = e.plan().decidedAt().toString();
        }
        return pool.preparedQuery("INSERT INTO routing_log (request_id, tenant_id, service, destination, policy, plan, "
                        + "outcome, carrier_id, attempts, decision_micros, node_id, decided_at) "
                        + "SELECT r, t, s, d, p, pl::jsonb, o, c, a, m, $12, da::timestamptz FROM unnest($1::text[], "
                        + "$2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
                        + "$9::int4[], $10::int4[], $11::text[]) AS x(r, t, s, d, p, pl, o, c, a, m, da)")
                .execute(Tuple.tuple().addArrayOfString(requestIds).addArrayOfUUID(tenants).addArrayOfString(services)
                        .addArrayOfString(destinations).addArrayOfString(policies).addArrayOfString(plans)
                        .addArrayOfString(outcomes).addArrayOfString(carriers).addArrayOfInteger(attempts)
                        .addArrayOfInteger(micros).addArrayOfString(decided).addString(nodeId))
                .onFailure(error -> LOG.warn("routing log: {} entries not written: {}", n, error.getMessage()))
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    /** Stops the timer and flushes what is left. */
    public Future<Void> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return flush();
    }

    private static UUID tenant(String tenantId) {
        try {
            return tenantId == null ? null : UUID.fromString(tenantId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String json(RoutePlan plan) {
        try {
            return Json.mapper().writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
