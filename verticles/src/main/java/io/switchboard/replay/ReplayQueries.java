package io.switchboard.replay;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SQL a replay reads its results with, from the CDR tables ({@code calls}, {@code cdrs},
 * {@code call_attempts}), the {@code routing_log} and the rate tables ({@code rates},
 * {@code rate_decks}). Every query is scoped to one run: the calls whose
 * {@code metadata.replay_run} is the run's tag ({@code $1}).
 *
 * <p>Blocking: each method waits for its query; call it from a launcher thread, never from an
 * event loop.
 */
public final class ReplayQueries {

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(5);

    /** The run's calls. */
    static final String RUN = "run AS (SELECT * FROM calls WHERE metadata->>'replay_run' = $1)";

    /** The run's call CDRs (one row of type {@code call} per call). */
    static final String CDR = "cdr AS (SELECT d.call_id, d.to_number, coalesce(d.duration_s, 0) AS duration_s, d.cost, "
            + "d.created_at FROM cdrs d JOIN run ON run.id = d.call_id WHERE d.record_type = 'call')";

    /**
     * Longest-prefix match of every call's destination in every carrier's published voice deck, as
     * the router does it: every leading substring of the number's digits joined with the rate rows
     * of equal prefix, the longest one effective at the call's creation kept per call and carrier. A
     * match on a closed code means the carrier does not reach the number.
     */
    static final String MATCHES = "decks AS (SELECT id AS deck_id, carrier_id FROM rate_decks "
            + "WHERE service = 'voice' AND status = 'published'), "
            + "pfx AS (SELECT cdr.call_id, cdr.created_at, substr(ltrim(cdr.to_number, '+'), 1, n) AS prefix FROM cdr, "
            + "generate_series(1, length(ltrim(cdr.to_number, '+'))) AS n), "
            + "matches AS (SELECT DISTINCT ON (p.call_id, dk.carrier_id) p.call_id, dk.carrier_id, r.rate, r.connect_fee, "
            + "r.initial_increment, r.next_increment, r.closed FROM pfx p JOIN rates r ON r.prefix = p.prefix "
            + "JOIN decks dk ON dk.deck_id = r.deck_id WHERE r.effective_from <= p.created_at "
            + "AND (r.effective_until IS NULL OR r.effective_until > p.created_at) "
            + "ORDER BY p.call_id, dk.carrier_id, length(r.prefix) DESC, r.effective_from DESC), "
            + "covers AS (SELECT call_id, carrier_id, rate, connect_fee, initial_increment, next_increment "
            + "FROM matches WHERE NOT closed)";

    private final Pool pool;

    /** @param pool a pool on the cluster's PostgreSQL */
    public ReplayQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param sql a query using {@code $1} = the run tag and optionally more parameters
     * @param params the parameters, the run tag first
     * @return the rows
     */
    public List<Row> rows(String sql, Object... params) {
        Future<RowSet<Row>> future = pool.preparedQuery(sql).execute(Tuple.from(params));
        try {
            RowSet<Row> set = future.toCompletionStage().toCompletableFuture()
                    .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<Row> out = new ArrayList<>();
            set.forEach(out::add);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("query failed: " + cause.getMessage(), cause);
        }
    }

    /** @return the one row of a query */
    public Row one(String sql, Object... params) {
        return rows(sql, params).get(0);
    }

    /**
     * @param runId the run tag
     * @return finished calls (rows in {@code calls}), call CDRs, those answered, with more than one
     *     attempt, and failed (any unanswered final state)
     */
    public long[] progress(String runId) {
        Row r = one("WITH " + RUN + " SELECT count(*), "
                + "(SELECT count(*) FROM cdrs d JOIN run ON run.id = d.call_id WHERE d.record_type = 'call'), "
                + "count(*) FILTER (WHERE answered_at IS NOT NULL), count(*) FILTER (WHERE attempt_count > 1), "
                + "count(*) FILTER (WHERE state IN ('failed', 'busy', 'no_answer', 'canceled', 'rejected')) FROM run", runId);
        return new long[] {r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)};
    }
}
