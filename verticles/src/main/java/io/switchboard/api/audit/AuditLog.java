package io.switchboard.api.audit;

import io.switchboard.storage.RowMaps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code audit_log} table: every configuration change and every failed authentication. */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Pool pool;

    /** @param pool the database */
    public AuditLog(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes one row. A failure to write is logged (with the entry) and does not fail the caller's
     * operation, which has already happened.
     *
     * @param entry the row
     * @return completes when written (or when the failure was logged)
     */
    public Future<Void> record(AuditEntry entry) {
        return pool.preparedQuery("INSERT INTO audit_log (tenant_id, actor, action, target, details, request_id, "
                        + "remote_address) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new ArrayList<>(java.util.Arrays.asList(entry.tenantId() == null ? null
                                : UUID.fromString(entry.tenantId()), entry.actor(), entry.action(), entry.target(),
                        details(entry), entry.requestId(), entry.remoteAddress()))))
                .<Void>mapEmpty()
                .recover(error -> {
                    LOG.error("audit: could not write {}: {}", entry, error.getMessage());
                    return Future.succeededFuture();
                });
    }

    /** @return the entry's details as JSON through the contract's mapper (snake_case records, RFC 3339 times) */
    private static JsonObject details(AuditEntry entry) {
        try {
            return new JsonObject(io.switchboard.contract.Json.mapper().writeValueAsString(entry.details()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new JsonObject().put("unserializable", String.valueOf(e.getMessage()));
        }
    }

    /**
     * A page of the log, newest first.
     *
     * @param tenantId only this tenant's rows, or null for all
     * @param action only this action (or, ending in {@code .*}, this family: {@code key.*}), or null
     * @param from rows at or after, or null
     * @param to rows before, or null
     * @param startingAfter the id of the last row of the previous page, or null
     * @param limit at most this many rows
     * @return the rows: id, tenant_id, actor, action, target, details, request_id, remote_address, occurred_at
     */
    public Future<List<Map<String, Object>>> list(String tenantId, String action, OffsetDateTime from, OffsetDateTime to,
            Long startingAfter, int limit) {
        String pattern = action == null ? null : action.endsWith(".*")
                ? action.substring(0, action.length() - 1).replace("%", "\\%").replace("_", "\\_") + "%"
                : action.replace("%", "\\%").replace("_", "\\_");
        return pool.preparedQuery("SELECT id, tenant_id, actor, action, target, details, request_id, remote_address, "
                        + "occurred_at FROM audit_log WHERE ($1::uuid IS NULL OR tenant_id = $1) "
                        + "AND ($2::text IS NULL OR action LIKE $2) AND ($3::timestamptz IS NULL OR occurred_at >= $3) "
                        + "AND ($4::timestamptz IS NULL OR occurred_at < $4) AND ($5::bigint IS NULL OR id < $5) "
                        + "ORDER BY id DESC LIMIT $6")
                .execute(Tuple.from(new ArrayList<>(java.util.Arrays.asList(tenantId == null ? null
                        : io.switchboard.storage.SqlIds.uuid(tenantId), pattern, from, to, startingAfter, limit))))
                .map(rows -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    rows.forEach(row -> {
                        Map<String, Object> map = RowMaps.of(row);
                        map.put("details", ((JsonObject) row.getValue("details")).getMap());
                        list.add(map);
                    });
                    return list;
                });
    }
}
