package io.switchboard.api.tenants;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.storage.RowMaps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.switchboard.storage.SqlIds.uuid;

/**
 * The {@code tenants} table. The webhook secret is generated here ({@code whsec_} + 64 hex digits)
 * and shown once, when the tenant is created; views never carry it.
 */
public final class TenantStore {

    private static final String VIEW = "id, name, plan, spend_cap, currency, limits, webhook_url, status, created_at, updated_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;

    /** @param pool the database */
    public TenantStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * A tenant's settings as the API writes them; null fields are left as they are on update.
     *
     * @param name unique name
     * @param plan starter, growth, business or enterprise
     * @param spendCap the most it may spend, in {@code currency}, or null
     * @param currency ISO 4217 code
     * @param limits overrides of the plan's limits
     * @param webhookUrl where its events are delivered, or null
     * @param status active or suspended
     */
    public record Settings(String name, String plan, BigDecimal spendCap, String currency, Map<String, Object> limits,
            String webhookUrl, String status) {
    }

    /**
     * @param settings the new tenant (name required)
     * @return its view plus {@code webhook_secret}, shown this once
     */
    public Future<Map<String, Object>> create(Settings settings) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String webhookSecret = "whsec_" + HexFormat.of().formatHex(secret);
        return pool.preparedQuery("INSERT INTO tenants (name, plan, spend_cap, currency, limits, webhook_url, webhook_secret) "
                        + "VALUES ($1, coalesce($2, 'starter'), $3, coalesce($4, 'USD'), coalesce($5, '{}'::jsonb), $6, $7) "
                        + "RETURNING " + VIEW)
                .execute(Tuple.from(values(settings.name(), settings.plan(), settings.spendCap(), settings.currency(),
                        settings.limits() == null ? null : new JsonObject(settings.limits()), settings.webhookUrl(),
                        webhookSecret)))
                .map(rows -> {
                    Map<String, Object> view = view(rows.iterator().next());
                    view.put("webhook_secret", webhookSecret);
                    return view;
                })
                .recover(TenantStore::nameTaken);
    }

    /**
     * @param id the tenant
     * @return its view, or TEL-013
     */
    public Future<Map<String, Object>> get(String id) {
        return pool.preparedQuery("SELECT " + VIEW + " FROM tenants WHERE id = $1").execute(Tuple.of(uuid(id)))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(id))
                        : Future.succeededFuture(view(rows.iterator().next())));
    }

    /**
     * @param limit at most this many
     * @param startingAfter the id of the last tenant of the previous page, or null
     * @return tenants by name
     */
    public Future<List<Map<String, Object>>> list(int limit, String startingAfter) {
        return pool.preparedQuery("SELECT " + VIEW + " FROM tenants WHERE ($1::uuid IS NULL OR name > "
                        + "(SELECT name FROM tenants WHERE id = $1)) ORDER BY name LIMIT $2")
                .execute(Tuple.of(uuid(startingAfter), limit))
                .map(rows -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    rows.forEach(row -> list.add(view(row)));
                    return list;
                });
    }

    /**
     * Changes the given fields (null ones stay).
     *
     * @param id the tenant
     * @param changes the new values
     * @return {@code {"before": view, "after": view}}, or TEL-013
     */
    public Future<Map<String, Object>> update(String id, Settings changes) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT " + VIEW + " FROM tenants WHERE id = $1 "
                        + "FOR UPDATE").execute(Tuple.of(uuid(id)))
                .compose(before -> {
                    if (before.size() == 0) {
                        return Future.failedFuture(notFound(id));
                    }
                    return connection.preparedQuery("UPDATE tenants SET name = coalesce($2, name), plan = coalesce($3, plan), "
                                    + "spend_cap = CASE WHEN $4::boolean THEN $5 ELSE spend_cap END, "
                                    + "currency = coalesce($6, currency), limits = coalesce($7, limits), "
                                    + "webhook_url = CASE WHEN $8::boolean THEN $9 ELSE webhook_url END, "
                                    + "status = coalesce($10, status), updated_at = now() WHERE id = $1 RETURNING " + VIEW)
                            .execute(Tuple.from(values(uuid(id), changes.name(), changes.plan(), changes.spendCap() != null,
                                    changes.spendCap(), changes.currency(),
                                    changes.limits() == null ? null : new JsonObject(changes.limits()),
                                    changes.webhookUrl() != null, changes.webhookUrl() == null || changes.webhookUrl().isEmpty()
                                            ? null : changes.webhookUrl(), changes.status())))
                            .map(after -> {
                                Map<String, Object> result = new LinkedHashMap<>();
                                result.put("before", view(before.iterator().next()));
                                result.put("after", view(after.iterator().next()));
                                return result;
                            });
                })).recover(TenantStore::nameTaken);
    }

    private static List<Object> values(Object... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }

    private static Map<String, Object> view(Row row) {
        Map<String, Object> view = RowMaps.of(row);
        view.put("limits", ((JsonObject) row.getValue("limits")).getMap());
        view.put("currency", row.getString("currency").trim());
        return view;
    }

    private static <T> Future<T> nameTaken(Throwable error) {
        if (error instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(SwitchboardException.invalidField(ErrorCode.TEL_011, "name",
                    "name: a tenant with this name exists"));
        }
        return Future.failedFuture(error);
    }

    private static SwitchboardException notFound(String id) {
        return new SwitchboardException(ErrorCode.TEL_013, "no such tenant: " + id, Map.of("id", id));
    }
}
