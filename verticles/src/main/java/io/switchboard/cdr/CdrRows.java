package io.switchboard.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.Attempt;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes journal entries to PostgreSQL in one transaction, idempotently: the same entry written
 * twice (a retried batch, a record sent again by the sweeper, two cdr-writers) leaves one row.
 *
 * <ul>
 * <li>A finished call: its {@code calls} row (upsert by id, with the record as JSON), one
 *     {@code call_attempts} row per attempt (key {@code (call_id, sequence)}), and {@code cdrs} rows:
 *     one of type {@code call} (or {@code message}) with the cost, one of type {@code attempt} per
 *     attempt (key {@code event_key} = {@code <id>:call} / {@code <id>:attempt:<n>}).</li>
 * <li>A tenant's event: a {@code webhook_outbox} row for the tenant's webhook URL and one for the
 *     call's {@code status_callback} (key {@code (event_id, url)}).</li>
 * </ul>
 * Statements are sent with {@code executeBatch} (pipelined, one round trip per statement kind).
 */
public final class CdrRows {

    private static final String UPSERT_CALL = """
            INSERT INTO calls (id, tenant_id, direction, from_number, to_number, caller_name, state, carrier_id,
                               attempt_count, timeout_s, record, status_callback, metadata, failure_reason,
                               created_at, answered_at, ended_at, record_json)
            VALUES ($1, $2, $3, coalesce($4, ''), $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13, '{}'::jsonb), $14,
                    $15, $16, $17, $18)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, carrier_id = excluded.carrier_id,
                attempt_count = excluded.attempt_count, failure_reason = excluded.failure_reason,
                answered_at = excluded.answered_at, ended_at = excluded.ended_at, record_json = excluded.record_json""";
    private static final String UPSERT_MESSAGE = """
            INSERT INTO messages (id, tenant_id, direction, from_number, to_number, body, encoding, segments, state,
                                  carrier_id, carrier_message_id, cost, currency, status_callback, metadata,
                                  error_code, created_at, sent_at, delivered_at, record_json)
            VALUES ($1, $2, $3, coalesce($4, ''), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                    coalesce($15, '{}'::jsonb), $16, $17, $18, $19, $20)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, carrier_id = excluded.carrier_id,
                carrier_message_id = excluded.carrier_message_id, cost = excluded.cost, error_code = excluded.error_code,
                delivered_at = excluded.delivered_at, record_json = excluded.record_json""";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO call_attempts (id, call_id, tenant_id, service, sequence, carrier_id, carrier_call_id, deck_id,
                                       matched_prefix, outcome, cause, sip_code, q850_cause, carrier_code, started_at,
                                       ended_at, pdd_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            ON CONFLICT (call_id, sequence) DO NOTHING""";
    private static final String INSERT_CDR = """
            INSERT INTO cdrs (event_key, record_type, call_id, attempt_id, tenant_id, service, direction, from_number,
                              to_number, carrier_id, carrier_call_id, deck_id, matched_prefix, rate, connect_fee,
                              initial_increment, next_increment, billed_seconds, segments, cost, currency, state,
                              hangup_cause, sip_code, q850_cause, attempt_count, duration_s, created_at, answered_at,
                              ended_at, destination_country)
            VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, ''), $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                    $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31)
            ON CONFLICT (event_key, created_at) DO NOTHING""";
    private static final String OUTBOX_TENANT = """
            INSERT INTO webhook_outbox (tenant_id, event_id, event_type, url, payload)
            SELECT t.id, $2, $3, t.webhook_url, $4 FROM tenants t WHERE t.id = $1 AND t.webhook_url IS NOT NULL
            ON CONFLICT (event_id, url) DO NOTHING""";
    private static final String OUTBOX_CALLBACK = """
            INSERT INTO webhook_outbox (tenant_id, event_id, event_type, url, payload)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (event_id, url) DO NOTHING""";

    private final Pool pool;

    /** @param pool the node's PostgreSQL pool */
    public CdrRows(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes the entries in one transaction.
     *
     * @return how many CDR rows ({@code cdrs}) the entries carry (written now or before)
     */
    public Future<Integer> write(List<JournalEntry> entries) {
        List<Tuple> calls = new ArrayList<>();
        List<Tuple> messages = new ArrayList<>();
        List<Tuple> attempts = new ArrayList<>();
        List<Tuple> cdrs = new ArrayList<>();
        List<Tuple> tenantHooks = new ArrayList<>();
        List<Tuple> callbackHooks = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (entry.call() != null) {
                CallRecord c = entry.call();
                (c.voice() ? calls : messages).add(c.voice() ? callRow(c) : messageRow(c));
                cdrs.add(cdrRow(c));
                for (Attempt a : c.attempts()) {
                    attempts.add(attemptRow(c, a));
                    cdrs.add(attemptCdrRow(c, a));
                }
            } else if (entry.event() != null && entry.event().tenantId() != null) {
                EventEnvelope e = entry.event();
                Object payload = new JsonObject(json(e));
                UUID tenant = UUID.fromString(e.tenantId());
                tenantHooks.add(Tuple.of(tenant, e.id(), e.type(), payload));
                String callback = e.data().path("status_callback").asText(null);
                if (callback != null && !callback.isBlank()) {
                    callbackHooks.add(Tuple.of(tenant, e.id(), e.type(), callback, payload));
                }
            }
        }
        int rows = cdrs.size();
        return pool.withTransaction(conn -> batch(conn, UPSERT_CALL, calls)
                .compose(v -> batch(conn, UPSERT_MESSAGE, messages))
                .compose(v -> batch(conn, INSERT_ATTEMPT, attempts))
                .compose(v -> batch(conn, INSERT_CDR, cdrs))
                .compose(v -> batch(conn, OUTBOX_TENANT, tenantHooks))
                .compose(v -> batch(conn, OUTBOX_CALLBACK, callbackHooks))).map(rows);
    }

    private static Future<Void> batch(SqlConnection conn, String sql, List<Tuple> rows) {
        return rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(sql).executeBatch(rows).mapEmpty();
    }

    /**
     * Creates the monthly {@code cdrs} partitions for this month and the next {@code months - 1}
     * ({@code switchboard_ensure_cdr_partitions}, migration V1).
     *
     * @return how many partitions were created
     */
    public Future<Integer> ensurePartitions(int months) {
        return pool.preparedQuery("SELECT switchboard_ensure_cdr_partitions(current_date, $1)")
                .execute(Tuple.of(months)).map(rs -> rs.iterator().next().getInteger(0));
    }

    private static Tuple callRow(CallRecord c) {
        return Tuple.tuple(List.of()).addValue(UUID.fromString(c.id())).addValue(UUID.fromString(c.tenantId()))
                .addValue(c.direction()).addValue(c.from()).addValue(c.to()).addValue(c.callerName()).addValue(c.state())
                .addValue(c.carrier()).addValue(c.attempts().size()).addValue(c.timeoutS()).addValue(c.record())
                .addValue(c.statusCallback()).addValue(c.metadata() == null ? null : new JsonObject(json(c.metadata())))
                .addValue(c.failureReason()).addValue(time(c.createdAt())).addValue(time(c.answeredAt()))
                .addValue(time(c.endedAt())).addValue(new JsonObject(json(c)));
    }

    private static Tuple messageRow(CallRecord c) {
        return Tuple.tuple(List.of()).addValue(UUID.fromString(c.id())).addValue(UUID.fromString(c.tenantId()))
                .addValue(c.direction()).addValue(c.from()).addValue(c.to()).addValue(c.body())
                .addValue(c.encoding()).addValue(c.segments()).addValue(c.state()).addValue(c.carrier())
                .addValue(c.carrierCallId()).addValue(c.cost() == null ? null : c.cost().amount())
                .addValue(c.cost() == null ? null : c.cost().currency().getCurrencyCode()).addValue(c.statusCallback())
                .addValue(c.metadata() == null ? null : new JsonObject(json(c.metadata()))).addValue(c.errorCode())
                .addValue(time(c.createdAt())).addValue(time(c.carrierCallId() == null ? null : c.createdAt()))
                .addValue(time("delivered".equals(c.state()) ? c.endedAt() : null)).addValue(new JsonObject(json(c)));
    }

    private static Tuple attemptRow(CallRecord c, Attempt a) {
        return Tuple.tuple(List.of()).addValue(UUID.fromString(a.attemptId())).addValue(UUID.fromString(c.id()))
                .addValue(UUID.fromString(c.tenantId())).addValue(c.service().wireName()).addValue(a.sequence())
                .addValue(a.carrier()).addValue(a.carrierCallId()).addValue(c.deckVersion() != null
                        && a.carrier().equals(c.carrier()) ? c.deckVersion() : null)
                .addValue(a.matchedPrefix()).addValue(a.outcome() == null ? "pending" : a.outcome().wireName())
                .addValue(a.cause() == null ? null : a.cause().code()).addValue(a.sipCode()).addValue(a.q850Cause())
                .addValue(a.carrierCode()).addValue(time(a.startedAt())).addValue(time(a.endedAt()))
                .addValue(a.pddMs() == null ? null : a.pddMs().intValue());
    }

    private static Tuple cdrRow(CallRecord c) {
        boolean priced = c.rate() != null;
        return Tuple.tuple(List.of()).addValue(c.id() + ":" + (c.voice() ? "call" : "message"))
                .addValue(c.voice() ? "call" : "message").addValue(UUID.fromString(c.id())).addValue(null)
                .addValue(UUID.fromString(c.tenantId())).addValue(c.service().wireName()).addValue(c.direction())
                .addValue(c.from()).addValue(c.to()).addValue(c.carrier()).addValue(c.carrierCallId())
                .addValue(c.deckVersion()).addValue(c.matchedPrefix())
                .addValue(priced ? c.rate().amount() : null).addValue(priced && c.connectFee() != null
                        ? c.connectFee().amount() : null)
                .addValue(c.increment() == null ? null : c.increment().initialSeconds())
                .addValue(c.increment() == null ? null : c.increment().nextSeconds())
                .addValue(c.billedSeconds()).addValue(c.segments())
                .addValue(c.cost() == null ? null : c.cost().amount())
                .addValue(c.cost() == null ? null : c.cost().currency().getCurrencyCode()).addValue(c.state())
                .addValue(c.errorCode()).addValue(c.sipCode()).addValue(c.q850Cause()).addValue(c.attempts().size())
                .addValue(c.durationS()).addValue(time(c.createdAt())).addValue(time(c.answeredAt()))
                .addValue(time(c.endedAt())).addValue(country(c.to()));
    }

    private static Tuple attemptCdrRow(CallRecord c, Attempt a) {
        boolean carried = a.carrier().equals(c.carrier()) && a.outcome() != null
                && a.outcome().wireName().equals("success");
        BigDecimal cost = carried && c.cost() != null ? c.cost().amount() : BigDecimal.ZERO.setScale(6);
        String currency = c.cost() != null ? c.cost().currency().getCurrencyCode()
                : c.rate() != null ? c.rate().currency().getCurrencyCode() : null;
        return Tuple.tuple(List.of()).addValue(c.id() + ":attempt:" + a.sequence()).addValue("attempt")
                .addValue(UUID.fromString(c.id())).addValue(UUID.fromString(a.attemptId()))
                .addValue(UUID.fromString(c.tenantId())).addValue(c.service().wireName()).addValue(c.direction())
                .addValue(c.from()).addValue(c.to()).addValue(a.carrier()).addValue(a.carrierCallId())
                .addValue(carried ? c.deckVersion() : null).addValue(a.matchedPrefix())
                .addValue(carried && c.rate() != null ? c.rate().amount() : null)
                .addValue(carried && c.connectFee() != null ? c.connectFee().amount() : null)
                .addValue(carried && c.increment() != null ? c.increment().initialSeconds() : null)
                .addValue(carried && c.increment() != null ? c.increment().nextSeconds() : null)
                .addValue(carried ? c.billedSeconds() : Integer.valueOf(0)).addValue(carried ? c.segments() : null)
                .addValue(cost).addValue(currency).addValue(carried ? c.state() : a.outcome().wireName())
                .addValue(a.cause() == null ? null : a.cause().code()).addValue(a.sipCode()).addValue(a.q850Cause())
                .addValue(a.sequence()).addValue(carried ? c.durationS() : Integer.valueOf(0))
                .addValue(time(c.createdAt())).addValue(carried ? time(c.answeredAt()) : null)
                .addValue(time(a.endedAt())).addValue(country(c.to()));
    }

    /** @return the ISO 3166 region of an E.164 number ({@code GB}), or null when it has none ({@code 001}) */
    static String country(String e164) {
        try {
            String region = io.switchboard.contract.model.E164.parse(e164).regionCode();
            return region == null || region.length() != 2 ? null : region;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
