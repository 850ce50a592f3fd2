package io.switchboard.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carrier health in PostgreSQL: the current state per carrier ({@code carrier_health}) and every
 * change ({@code carrier_health_log}), so a restarted cluster resumes where it was. Rows are only
 * written for configured carriers ({@code carriers}); outcomes of unknown carriers stay in memory.
 */
public final class HealthStore {

    /**
     * A carrier's stored state.
     *
     * @param carrier carrier id
     * @param state {@code healthy}, {@code degraded}, {@code down} or {@code disabled}
     * @param score last score
     * @param reason the last change's cause
     * @param disabledReason why it is disabled, or null
     * @param updatedAt when it was written
     */
    public record Stored(String carrier, String state, int score, String reason, String disabledReason,
                         Instant updatedAt) {
    }

    /**
     * One line of the health log.
     *
     * @param carrier carrier id
     * @param fromState the state before, or null
     * @param toState the state after
     * @param score the score then
     * @param reason why
     * @param details counters and last codes, as JSON
     * @param actor {@code system} or the operator
     * @param occurredAt when (UTC)
     */
    public record LogEntry(String carrier, String fromState, String toState, Integer score, String reason,
                           Map<String, Object> details, String actor, Instant occurredAt) {
    }

    private final Pool pool;

    /** @param pool the node's PostgreSQL pool */
    public HealthStore(Pool pool) {
        this.pool = pool;
    }

    /** @return every stored carrier state */
    public Future<List<Stored>> loadAll() {
        return pool.query("SELECT carrier_id, state, score, reason, disabled_reason, updated_at FROM carrier_health")
                .execute().map(rows -> {
                    List<Stored> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new Stored(row.getString(0), row.getString(1), row.getInteger(2), row.getString(3),
                                row.getString(4), row.getOffsetDateTime(5).toInstant()));
                    }
                    return out;
                });
    }

    /**
     * Writes a change: the carrier's current state and a health-log line, in one transaction.
     * Does nothing for a carrier that is not configured.
     */
    public Future<Void> change(LogEntry entry, Double asr, Double acdSeconds, Double pddMs, int consecutiveFailures,
                               String disabledReason) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO carrier_health (carrier_id, state, score, "
                                + "asr, acd_s, pdd_ms, consecutive_failures, reason, disabled_reason, updated_at) "
                                + "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 WHERE EXISTS (SELECT 1 FROM carriers "
                                + "WHERE id = $1) ON CONFLICT (carrier_id) DO UPDATE SET state = $2, score = $3, asr = $4, "
                                + "acd_s = $5, pdd_ms = $6, consecutive_failures = $7, reason = $8, disabled_reason = $9, "
                                + "updated_at = $10")
                        .execute(Tuple.from(new Object[] {entry.carrier(), entry.toState(), entry.score(),
                            asr == null ? null : Math.min(1.0, asr), acdSeconds, pddMs == null ? null : pddMs.intValue(),
                            consecutiveFailures, entry.reason(), disabledReason, utc(entry.occurredAt())}))
                        .compose(x -> conn.preparedQuery("INSERT INTO carrier_health_log (carrier_id, from_state, "
                                        + "to_state, score, reason, details, actor, occurred_at) SELECT $1, $2, $3, $4, $5, "
                                        + "$6, $7, $8 WHERE EXISTS (SELECT 1 FROM carriers WHERE id = $1)")
                                .execute(Tuple.from(new Object[] {entry.carrier(), entry.fromState(), entry.toState(),
                                    entry.score(), entry.reason(), new JsonObject(entry.details()), entry.actor(),
                                    utc(entry.occurredAt())}))))
                .mapEmpty();
    }

    /** @return the carrier's health log, newest first, at most {@code limit} lines */
    public Future<List<LogEntry>> log(String carrier, int limit) {
        return pool.preparedQuery("SELECT carrier_id, from_state, to_state, score, reason, details, actor, occurred_at "
                        + "FROM carrier_health_log WHERE carrier_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(carrier, limit))
                .map(rows -> {
                    List<LogEntry> out = new ArrayList<>();
                    for (Row row : rows) {
                        Object details = row.getValue(5);
                        out.add(new LogEntry(row.getString(0), row.getString(1), row.getString(2), row.getInteger(3),
                                row.getString(4), details instanceof JsonObject json ? json.getMap() : Map.of(),
                                row.getString(6), row.getOffsetDateTime(7).toInstant()));
                    }
                    return out;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
