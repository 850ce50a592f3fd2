package io.switchboard.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.Attempt;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * One statement per table and transaction: every column is sent as one array parameter and
 * {@code unnest()} turns the arrays into rows (see {@code CdrIngestHarness} for the rate against COPY).
 */
public final class CdrRows {

    /**
     * Column type of exact decimals: sent as text ({@link BigDecimal#toPlainString()}) and cast to
     * numeric in SQL, because vertx-pg-client 5.0 cannot encode a numeric array holding a null.
     */
    private static final Class<?> DECIMAL = BigDecimal.class;

    // One statement per table and transaction: each column travels as one array parameter and
    // unnest() turns the arrays back into rows (far fewer protocol messages and executor starts
    // than one Bind/Execute per row). JSON travels as text and is cast to jsonb.
    private static final String UPSERT_CALL = """
            INSERT INTO calls (id, tenant_id, direction, from_number, to_number, caller_name, state, carrier_id,
                               attempt_count, timeout_s, record, status_callback, metadata, failure_reason,
                               created_at, answered_at, ended_at, record_json)
            SELECT id, tenant_id, direction, coalesce(from_number, ''), to_number, caller_name, state, carrier_id,
                   attempt_count, timeout_s, record, status_callback, coalesce(metadata::jsonb, '{}'::jsonb),
                   failure_reason, created_at, answered_at, ended_at, record_json::jsonb
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::int[], $10::int[], $11::bool[], $12::text[], $13::text[], $14::text[], $15::timestamptz[],
                        $16::timestamptz[], $17::timestamptz[], $18::text[])
                 AS r(id, tenant_id, direction, from_number, to_number, caller_name, state, carrier_id, attempt_count,
                      timeout_s, record, status_callback, metadata, failure_reason, created_at, answered_at, ended_at,
                      record_json)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, carrier_id = excluded.carrier_id,
                attempt_count = excluded.attempt_count, failure_reason = excluded.failure_reason,
                answered_at = excluded.answered_at, ended_at = excluded.ended_at, record_json = excluded.record_json""";
    private static final Class<?>[] CALL_TYPES = {UUID.class, UUID.class, String.class, String.class, String.class,
        String.class, String.class, String.class, Integer.class, Integer.class, Boolean.class, String.class,
        String.class, String.class, OffsetDateTime.class, OffsetDateTime.class, OffsetDateTime.class, String.class};
    private static final String UPSERT_MESSAGE = """
            INSERT INTO messages (id, tenant_id, direction, from_number, to_number, body, encoding, segments, state,
                                  carrier_id, carrier_message_id, cost, currency, status_callback, metadata,
                                  error_code, created_at, sent_at, delivered_at, record_json)
            SELECT id, tenant_id, direction, coalesce(from_number, ''), to_number, body, encoding, segments, state,
                   carrier_id, carrier_message_id, cost::numeric, currency, status_callback,
                   coalesce(metadata::jsonb, '{}'::jsonb), error_code, created_at, sent_at, delivered_at,
                   record_json::jsonb
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[],
                        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                        $16::text[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::text[])
                 AS r(id, tenant_id, direction, from_number, to_number, body, encoding, segments, state, carrier_id,
                      carrier_message_id, cost, currency, status_callback, metadata, error_code, created_at, sent_at,
                      delivered_at, record_json)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, carrier_id = excluded.carrier_id,
                carrier_message_id = excluded.carrier_message_id, cost = excluded.cost, error_code = excluded.error_code,
                delivered_at = excluded.delivered_at, record_json = excluded.record_json""";
    private static final Class<?>[] MESSAGE_TYPES = {UUID.class, UUID.class, String.class, String.class, String.class,
        String.class, String.class, Integer.class, String.class, String.class, String.class, DECIMAL,
        String.class, String.class, String.class, String.class, OffsetDateTime.class, OffsetDateTime.class,
        OffsetDateTime.class, String.class};
    private static final String INSERT_ATTEMPT = """
            INSERT INTO call_attempts (id, call_id, tenant_id, service, sequence, carrier_id, carrier_call_id, deck_id,
                                       matched_prefix, outcome, cause, sip_code, q850_cause, carrier_code, started_at,
                                       ended_at, pdd_ms)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[],
                                 $8::bigint[], $9::text[], $10::text[], $11::text[], $12::int[], $13::int[],
                                 $14::text[], $15::timestamptz[], $16::timestamptz[], $17::int[])
            ON CONFLICT (call_id, sequence) DO NOTHING""";
    private static final Class<?>[] ATTEMPT_TYPES = {UUID.class, UUID.class, UUID.class, String.class, Integer.class,
        String.class, String.class, Long.class, String.class, String.class, String.class, Integer.class, Integer.class,
        String.class, OffsetDateTime.class, OffsetDateTime.class, Integer.class};
    private static final String INSERT_CDR = """
            INSERT INTO cdrs (event_key, record_type, call_id, attempt_id, tenant_id, service, direction, from_number,
                              to_number, carrier_id, carrier_call_id, deck_id, matched_prefix, rate, connect_fee,
                              initial_increment, next_increment, billed_seconds, segments, cost, currency, state,
                              hangup_cause, sip_code, q850_cause, attempt_count, duration_s, created_at, answered_at,
                              ended_at, destination_country)
            SELECT event_key, record_type, call_id, attempt_id, tenant_id, service, direction,
                   coalesce(from_number, ''), to_number, carrier_id, carrier_call_id, deck_id, matched_prefix,
                   rate::numeric, connect_fee::numeric, initial_increment, next_increment, billed_seconds, segments,
                   cost::numeric, currency, state,
                   hangup_cause, sip_code, q850_cause, attempt_count, duration_s, created_at, answered_at, ended_at,
                   destination_country
            FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::text[], $14::text[],
                        $15::text[], $16::int[], $17::int[], $18::int[], $19::int[], $20::text[], $21::text[],
                        $22::text[], $23::text[], $24::int[], $25::int[], $26::int[], $27::int[],
                        $28::timestamptz[], $29::timestamptz[], $30::timestamptz[], $31::text[])
                 AS r(event_key, record_type, call_id, attempt_id, tenant_id, service, direction, from_number,
                      to_number, carrier_id, carrier_call_id, deck_id, matched_prefix, rate, connect_fee,
                      initial_increment, next_increment, billed_seconds, segments, cost, currency, state,
                      hangup_cause, sip_code, q850_cause, attempt_count, duration_s, created_at, answered_at,
                      ended_at, destination_country)
            ON CONFLICT (event_key, created_at) DO NOTHING""";
    private static final Class<?>[] CDR_TYPES = {String.class, String.class, UUID.class, UUID.class, UUID.class,
        String.class, String.class, String.class, String.class, String.class, String.class, Long.class, String.class,
        DECIMAL, DECIMAL, Integer.class, Integer.class, Integer.class, Integer.class,
        DECIMAL, String.class, String.class, String.class, Integer.class, Integer.class, Integer.class,
        Integer.class, OffsetDateTime.class, OffsetDateTime.class, OffsetDateTime.class, String.class};
    private static final String OUTBOX_TENANT = """
            INSERT INTO webhook_outbox (tenant_id, event_id, event_type, url, payload)
            SELECT t.id, e.event_id, e.event_type, t.webhook_url, e.payload::jsonb
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS e(tenant_id, event_id, event_type, payload)
            JOIN tenants t ON t.id = e.tenant_id AND t.webhook_url IS NOT NULL
            ON CONFLICT (event_id, url) DO NOTHING""";
    private static final Class<?>[] OUTBOX_TENANT_TYPES = {UUID.class, String.class, String.class, String.class};
    private static final String OUTBOX_CALLBACK = """
            INSERT INTO webhook_outbox (tenant_id, event_id, event_type, url, payload)
            SELECT tenant_id, event_id, event_type, url, payload::jsonb
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
                 AS e(tenant_id, event_id, event_type, url, payload)
            ON CONFLICT (event_id, url) DO NOTHING""";
    private static final Class<?>[] OUTBOX_CALLBACK_TYPES = {UUID.class, String.class, String.class, String.class,
        String.class};

    private final Pool pool;

    /** @param pool the node's PostgreSQL pool */
    public CdrRows(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes the entries in one transaction ({@link #prepare} then {@link #write(Prepared)}).
     *
     * @return how many CDR rows ({@code cdrs}) the entries carry (written now or before)
     */
    public Future<Integer> write(List<JournalEntry> entries) {
        return write(prepare(entries));
    }

    /**
     * The statements of one batch, ready to send: pure CPU work (JSON, number parsing), so the
     * cdr-writer runs it on a worker thread, never on its event loop.
     *
     * @param statements SQL and its one tuple of column arrays, in execution order
     * @param cdrRows how many {@code cdrs} rows the batch carries
     * @param rows how many rows the batch carries over all tables
     */
    public record Prepared(List<Map.Entry<String, Tuple>> statements, int cdrRows, int rows) {
    }

    /**
     * @param entries journal entries, oldest first
     * @return the batch's statements (calls, messages, attempts, CDRs, webhook outbox)
     */
    public static Prepared prepare(List<JournalEntry> entries) {
        // A record sent twice within one batch (the sweeper offered it again) is written once, the
        // later copy winning: one INSERT ... ON CONFLICT DO UPDATE cannot touch a row twice.
        Map<String, CallRecord> records = new LinkedHashMap<>();
        Map<String, EventEnvelope> events = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            if (entry.call() != null) {
                records.remove(entry.call().id());
                records.put(entry.call().id(), entry.call());
            } else if (entry.event() != null && entry.event().tenantId() != null) {
                events.putIfAbsent(entry.event().id(), entry.event());
            }
        }
        List<Tuple> calls = new ArrayList<>();
        List<Tuple> messages = new ArrayList<>();
        List<Tuple> attempts = new ArrayList<>();
        List<Tuple> cdrs = new ArrayList<>();
        List<Tuple> tenantHooks = new ArrayList<>();
        List<Tuple> callbackHooks = new ArrayList<>();
        for (CallRecord c : records.values()) {
            (c.voice() ? calls : messages).add(c.voice() ? callRow(c) : messageRow(c));
            String country = country(c.to());
            cdrs.add(cdrRow(c, country));
            for (Attempt a : c.attempts()) {
                attempts.add(attemptRow(c, a));
                cdrs.add(attemptCdrRow(c, a, country));
            }
        }
        for (EventEnvelope e : events.values()) {
            String payload = json(e);
            UUID tenant = UUID.fromString(e.tenantId());
            tenantHooks.add(Tuple.of(tenant, e.id(), e.type(), payload));
            String callback = e.data().path("status_callback").asText(null);
            if (callback != null && !callback.isBlank()) {
                callbackHooks.add(Tuple.of(tenant, e.id(), e.type(), callback, payload));
            }
        }
        List<Map.Entry<String, Tuple>> statements = new ArrayList<>();
        add(statements, UPSERT_CALL, CALL_TYPES, calls);
        add(statements, UPSERT_MESSAGE, MESSAGE_TYPES, messages);
        add(statements, INSERT_ATTEMPT, ATTEMPT_TYPES, attempts);
        add(statements, INSERT_CDR, CDR_TYPES, cdrs);
        add(statements, OUTBOX_TENANT, OUTBOX_TENANT_TYPES, tenantHooks);
        add(statements, OUTBOX_CALLBACK, OUTBOX_CALLBACK_TYPES, callbackHooks);
        return new Prepared(List.copyOf(statements), cdrs.size(), calls.size() + messages.size() + attempts.size()
                + cdrs.size());
    }

    private static void add(List<Map.Entry<String, Tuple>> statements, String sql, Class<?>[] types, List<Tuple> rows) {
        if (!rows.isEmpty()) {
            statements.add(Map.entry(sql, columns(rows, types)));
        }
    }

    /**
     * Sends a prepared batch in one transaction.
     *
     * @return how many CDR rows ({@code cdrs}) the batch carries (written now or before)
     */
    public Future<Integer> write(Prepared prepared) {
        return pool.withTransaction(conn -> {
            Future<Void> chain = Future.succeededFuture();
            for (Map.Entry<String, Tuple> statement : prepared.statements()) {
                chain = chain.compose(v -> conn.preparedQuery(statement.getKey()).execute(statement.getValue())
                        .mapEmpty());
            }
            return chain;
        }).map(prepared.cdrRows());
    }

    /**
     * @param rows rows of equal width, values in column order
     * @param types each column's Java type (the element type of its array parameter; {@link #DECIMAL}
     *     columns become text arrays)
     * @return one tuple holding, per column, a typed array of that column's values (nulls kept)
     */
    static Tuple columns(List<Tuple> rows, Class<?>[] types) {
        Tuple tuple = Tuple.tuple();
        for (int col = 0; col < types.length; col++) {
            boolean decimal = types[col] == DECIMAL;
            Object[] array = (Object[]) Array.newInstance(decimal ? String.class : types[col], rows.size());
            for (int row = 0; row < rows.size(); row++) {
                Object value = rows.get(row).getValue(col);
                array[row] = decimal && value != null ? ((BigDecimal) value).toPlainString() : value;
            }
            tuple.addValue(array);
        }
        return tuple;
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
                .addValue(c.statusCallback()).addValue(c.metadata() == null ? null : json(c.metadata()))
                .addValue(c.failureReason()).addValue(time(c.createdAt())).addValue(time(c.answeredAt()))
                .addValue(time(c.endedAt())).addValue(json(c));
    }

    private static Tuple messageRow(CallRecord c) {
        return Tuple.tuple(List.of()).addValue(UUID.fromString(c.id())).addValue(UUID.fromString(c.tenantId()))
                .addValue(c.direction()).addValue(c.from()).addValue(c.to()).addValue(c.body())
                .addValue(c.encoding()).addValue(c.segments()).addValue(c.state()).addValue(c.carrier())
                .addValue(c.carrierCallId()).addValue(c.cost() == null ? null : c.cost().amount())
                .addValue(c.cost() == null ? null : c.cost().currency().getCurrencyCode()).addValue(c.statusCallback())
                .addValue(c.metadata() == null ? null : json(c.metadata())).addValue(c.errorCode())
                .addValue(time(c.createdAt())).addValue(time(c.carrierCallId() == null ? null : c.createdAt()))
                .addValue(time("delivered".equals(c.state()) ? c.endedAt() : null)).addValue(json(c));
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

    private static Tuple cdrRow(CallRecord c, String country) {
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
                .addValue(time(c.endedAt())).addValue(country);
    }

    private static Tuple attemptCdrRow(CallRecord c, Attempt a, String country) {
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
                .addValue(time(a.endedAt())).addValue(country);
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
