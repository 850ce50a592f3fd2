package io.switchboard.cdr;

import io.switchboard.contract.Json;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reads of the records the cdr-writer keeps: finished calls and messages, CDRs, usage and cost
 * totals (computed in SQL), webhook deliveries. Every query is scoped by tenant in its
 * {@code WHERE} clause; another tenant's id is simply not found (TEL-013).
 */
public final class CdrQueries {

    private final Pool pool;

    /** @param pool the node's PostgreSQL pool */
    public CdrQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param call true for {@code calls}, false for {@code messages}
     * @return the finished record; TEL-013 when the tenant has none with this id
     */
    public Future<CallRecord> record(String tenant, String id, boolean call) {
        String sql = "SELECT record_json FROM " + (call ? "calls" : "messages") + " WHERE id = $1 AND tenant_id = $2";
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(id), UUID.fromString(tenant))).compose(rows -> {
            if (rows.size() == 0 || rows.iterator().next().getValue(0) == null) {
                return Future.failedFuture(new SwitchboardException(ErrorCode.TEL_013,
                        "no such " + (call ? "call " : "message ") + id));
            }
            try {
                return Future.succeededFuture(Json.mapper().readValue(
                        ((JsonObject) rows.iterator().next().getValue(0)).encode(), CallRecord.class));
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        });
    }

    /**
     * Filters of {@code GET /v1/calls}.
     *
     * @param state a call state's wire name, or null
     * @param carrier a carrier id, or null
     * @param to a destination E.164 number, or null
     * @param startingAfter the id of the last call of the previous page, or null
     * @param limit page size
     */
    public record CallFilter(String state, String carrier, String to, String startingAfter, int limit) {
    }

    /** @return {@code {"data": [call, ...], "has_more": bool}}, newest first */
    public Future<Map<String, Object>> calls(String tenant, CallFilter f) {
        String sql = """
                SELECT record_json FROM calls c WHERE tenant_id = $1 AND record_json IS NOT NULL
                  AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR carrier_id = $3)
                  AND ($4::text IS NULL OR to_number = $4)
                  AND ($5::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM calls WHERE id = $5 AND tenant_id = $1))
                ORDER BY created_at DESC, id DESC LIMIT $6""";
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(tenant), f.state(), f.carrier(), f.to(),
                        f.startingAfter() == null ? null : UUID.fromString(f.startingAfter()), f.limit() + 1))
                .map(rows -> {
                    List<Object> data = new ArrayList<>();
                    for (Row row : rows) {
                        if (data.size() < f.limit()) {
                            data.add(((JsonObject) row.getValue(0)).getMap());
                        }
                    }
                    return page(data, rows.size() > f.limit());
                });
    }

    /**
     * Filters of {@code GET /v1/cdrs}.
     *
     * @param from earliest {@code created_at}, inclusive, or null
     * @param to latest {@code created_at}, exclusive, or null
     * @param carrier a carrier id, or null
     * @param state a final state ({@code completed}, {@code busy}, {@code delivered}, ...), or null
     * @param prefix destination digits the {@code to} number starts with (without {@code +}), or null
     * @param recordType {@code call}, {@code message} or {@code attempt}, or null for all
     * @param startingAfter the id of the last CDR of the previous page, or null
     * @param limit page size
     */
    public record CdrFilter(OffsetDateTime from, OffsetDateTime to, String carrier, String state, String prefix,
                            String recordType, String startingAfter, int limit) {
    }

    /** Columns of a CDR, in the order of {@code GET /v1/cdrs?format=csv}. */
    public static final List<String> CDR_COLUMNS = List.of("id", "record_type", "call_id", "attempt_id", "service",
            "direction", "from_number", "to_number", "destination_country", "carrier_id", "carrier_call_id", "deck_id",
            "matched_prefix", "rate", "connect_fee", "initial_increment", "next_increment", "billed_seconds",
            "segments", "cost", "currency", "state", "hangup_cause", "sip_code", "q850_cause", "attempt_count",
            "duration_s", "created_at", "answered_at", "ended_at");

    /** @return the tenant's CDRs in time order (oldest first), each a map of {@link #CDR_COLUMNS} */
    public Future<List<Map<String, Object>>> cdrs(String tenant, CdrFilter f) {
        String sql = "SELECT " + String.join(", ", CDR_COLUMNS) + """
                 FROM cdrs WHERE tenant_id = $1
                  AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)
                  AND ($4::text IS NULL OR carrier_id = $4) AND ($5::text IS NULL OR state = $5)
                  AND ($6::text IS NULL OR to_number LIKE '+' || $6 || '%')
                  AND ($7::text IS NULL OR record_type = $7)
                  AND ($8::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM cdrs WHERE id = $8 AND tenant_id = $1))
                ORDER BY created_at, id LIMIT $9""";
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(tenant), f.from(), f.to(), f.carrier(),
                        f.state(), f.prefix(), f.recordType(),
                        f.startingAfter() == null ? null : UUID.fromString(f.startingAfter()), f.limit()))
                .map(rows -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (Row row : rows) {
                        Map<String, Object> cdr = new LinkedHashMap<>();
                        for (int i = 0; i < CDR_COLUMNS.size(); i++) {
                            Object value = row.getValue(i);
                            cdr.put(CDR_COLUMNS.get(i), io.switchboard.storage.RowMaps.wire(value));
                        }
                        list.add(cdr);
                    }
                    return list;
                });
    }

    /**
     * Totals of the tenant's finished calls and messages ({@code cdrs} rows of type {@code call}
     * and {@code message}), grouped by {@code day} (UTC), {@code carrier} or {@code country}.
     *
     * @return {@code {"group_by": .., "data": [{"key", "service", "count", "answered", "billed_minutes",
     *     "segments", "cost", "currency"}]}}
     */
    public Future<Map<String, Object>> totals(String tenant, OffsetDateTime from, OffsetDateTime to, String groupBy) {
        String key = switch (groupBy) {
            case "day" -> "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
            case "carrier" -> "coalesce(carrier_id, 'none')";
            case "country" -> "coalesce(destination_country, '--')";
            default -> throw SwitchboardException.invalidField(ErrorCode.TEL_011, "group_by",
                    "group_by: expected day, carrier or country, got '" + groupBy + "'");
        };
        String sql = "SELECT " + key + " AS k, service, count(*) AS n, count(answered_at) AS answered,"
                + " coalesce(sum(billed_seconds), 0) AS billed, coalesce(sum(segments), 0) AS segments,"
                + " coalesce(sum(cost), 0)::text AS cost, currency FROM cdrs"
                + " WHERE tenant_id = $1 AND record_type IN ('call', 'message')"
                + " AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)"
                + " GROUP BY 1, service, currency ORDER BY 1, service";
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(tenant), from, to)).map(rows -> {
            List<Object> data = new ArrayList<>();
            for (Row row : rows) {
                Map<String, Object> total = new LinkedHashMap<>();
                total.put("key", row.getString("k"));
                total.put("service", row.getString("service"));
                total.put("count", row.getLong("n"));
                total.put("answered", row.getLong("answered"));
                total.put("billed_minutes", new java.math.BigDecimal(row.getLong("billed"))
                        .divide(java.math.BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP));
                total.put("segments", row.getLong("segments"));
                total.put("cost", new java.math.BigDecimal(row.getString("cost")).setScale(6));
                total.put("currency", row.getString("currency"));
                data.add(total);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("group_by", groupBy);
            body.put("data", data);
            return body;
        });
    }

    /**
     * @param state {@code pending}, {@code delivered}, {@code dead}, or null for all
     * @return the tenant's webhook deliveries, newest first
     */
    public Future<Map<String, Object>> deliveries(String tenant, String state, int limit) {
        String sql = """
                SELECT id, event_id, event_type, url, attempts, last_status, last_error, next_attempt_at, delivered_at,
                       dead_at, created_at FROM webhook_outbox WHERE tenant_id = $1
                  AND ($2::text IS NULL
                       OR ($2 = 'delivered' AND delivered_at IS NOT NULL)
                       OR ($2 = 'dead' AND dead_at IS NOT NULL)
                       OR ($2 = 'pending' AND delivered_at IS NULL AND dead_at IS NULL))
                ORDER BY id DESC LIMIT $3""";
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(tenant), state, limit)).map(rows -> {
            List<Object> data = new ArrayList<>();
            for (Row row : rows) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("id", row.getLong("id"));
                d.put("event_id", row.getString("event_id"));
                d.put("event_type", row.getString("event_type"));
                d.put("url", row.getString("url"));
                d.put("attempts", row.getInteger("attempts"));
                d.put("state", row.getValue("delivered_at") != null ? "delivered"
                        : row.getValue("dead_at") != null ? "dead" : "pending");
                d.put("last_status", row.getInteger("last_status"));
                d.put("last_error", row.getString("last_error"));
                d.put("next_attempt_at", string(row.getValue("next_attempt_at")));
                d.put("delivered_at", string(row.getValue("delivered_at")));
                d.put("created_at", string(row.getValue("created_at")));
                data.add(d);
            }
            return page(data, false);
        });
    }

    /** Schedules a delivery again now (a dead or delivered one too); TEL-013 when the tenant has none with this id. */
    public Future<Void> replay(String tenant, long id) {
        return pool.preparedQuery("UPDATE webhook_outbox SET next_attempt_at = now(), attempts = 0, dead_at = NULL,"
                        + " delivered_at = NULL, last_error = NULL WHERE id = $1 AND tenant_id = $2")
                .execute(Tuple.of(id, UUID.fromString(tenant)))
                .compose(rs -> rs.rowCount() == 1 ? Future.succeededFuture()
                        : Future.failedFuture(new SwitchboardException(ErrorCode.TEL_013, "no webhook delivery " + id)));
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, Object> page(List<Object> data, boolean hasMore) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("has_more", hasMore);
        return body;
    }
}
