package io.switchboard.router.store;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Rows of {@code routing_rules} as the admin API manages them (routers read them merged through
 * {@link TenantRulesStore}): list, read, insert, update in a transaction, delete.
 */
public final class RoutingRuleStore {

    private static final String COLUMNS = "id, tenant_id, service, prefix, policy, allowed_carriers, denied_carriers, "
            + "preferred_carrier, max_rate, priority, enabled, created_at, updated_at";

    private final Pool pool;

    /**
     * One rule.
     *
     * @param id its id (null before it is stored)
     * @param tenantId the tenant (UUID string), or null for a rule of every tenant
     * @param service voice, sms, mms or fax; null for every service
     * @param prefix digits: a static route for numbers under it (its allowed carriers first, in order); null for a
     *     policy rule
     * @param policy lcr or weighted
     * @param allowedCarriers carriers the tenant may use (empty = all); a static route's carriers, in order
     * @param deniedCarriers carriers the tenant may not use
     * @param preferredCarrier the carrier tried first while healthy, or null
     * @param maxRate the highest rate per minute (or message) in the router's currency, or null
     * @param priority order of application, ascending (later rules override single values)
     * @param enabled whether routers apply it
     * @param createdAt when created
     * @param updatedAt when last changed
     */
    public record Rule(String id, String tenantId, String service, String prefix, String policy,
                       List<String> allowedCarriers, List<String> deniedCarriers, String preferredCarrier,
                       BigDecimal maxRate, int priority, boolean enabled, Instant createdAt, Instant updatedAt) {

        /** Copies the lists. */
        public Rule {
            allowedCarriers = List.copyOf(allowedCarriers);
            deniedCarriers = List.copyOf(deniedCarriers);
        }

        /**
         * @return the API's view: id, tenant_id, service, prefix, policy, allowed_carriers, denied_carriers,
         *     preferred_carrier, max_rate (decimal string), priority, enabled, created_at, updated_at
         */
        public Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", id);
            view.put("tenant_id", tenantId);
            view.put("service", service);
            view.put("prefix", prefix);
            view.put("policy", policy);
            view.put("allowed_carriers", allowedCarriers);
            view.put("denied_carriers", deniedCarriers);
            view.put("preferred_carrier", preferredCarrier);
            view.put("max_rate", maxRate == null ? null : maxRate.toPlainString());
            view.put("priority", priority);
            view.put("enabled", enabled);
            view.put("created_at", createdAt == null ? null : createdAt.toString());
            view.put("updated_at", updatedAt == null ? null : updatedAt.toString());
            return view;
        }
    }

    /**
     * A change.
     *
     * @param before the rule before (null for a new one)
     * @param after the rule after (null when deleted)
     */
    public record Change(Rule before, Rule after) {
    }

    /** @param pool the node's pool */
    public RoutingRuleStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param tenantId only this tenant's rules, or null for every rule
     * @param limit at most this many, by tenant, priority, id
     * @return the rules
     */
    public Future<List<Rule>> list(String tenantId, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM routing_rules WHERE ($1::uuid IS NULL OR tenant_id = $1) "
                        + "ORDER BY tenant_id NULLS FIRST, priority, id LIMIT $2")
                .execute(Tuple.of(tenantId == null ? null : UUID.fromString(tenantId), limit))
                .map(rows -> {
                    List<Rule> list = new ArrayList<>();
                    rows.forEach(row -> list.add(read(row)));
                    return list;
                });
    }

    /** @return the rule, or a TEL-013 failure (also for an id that is not a UUID) */
    public Future<Rule> get(String id) {
        return get(pool, id, false);
    }

    private Future<Rule> get(SqlClient client, String id, boolean lock) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(notFound(id));
        }
        return client.preparedQuery("SELECT " + COLUMNS + " FROM routing_rules WHERE id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(uuid))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(id))
                        : Future.succeededFuture(read(rows.iterator().next())));
    }

    /**
     * @param carriers carrier ids
     * @return those that are not carriers (or are deleted), sorted
     */
    public Future<Set<String>> unknownCarriers(Set<String> carriers) {
        if (carriers.isEmpty()) {
            return Future.succeededFuture(Set.of());
        }
        return pool.preparedQuery("SELECT id FROM carriers WHERE id = ANY($1) AND deleted_at IS NULL")
                .execute(Tuple.of(carriers.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> unknown = new TreeSet<>(carriers);
                    rows.forEach(row -> unknown.remove(row.getString(0)));
                    return unknown;
                });
    }

    /** @return whether the tenant exists */
    public Future<Boolean> tenantExists(String tenantId) {
        return pool.preparedQuery("SELECT 1 FROM tenants WHERE id = $1").execute(Tuple.of(UUID.fromString(tenantId)))
                .map(rows -> rows.size() > 0);
    }

    /** @return the stored rule (with its id and timestamps) */
    public Future<Rule> insert(Rule rule) {
        return pool.preparedQuery("INSERT INTO routing_rules (tenant_id, service, prefix, policy, allowed_carriers, "
                        + "denied_carriers, preferred_carrier, max_rate, priority, enabled) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " + COLUMNS)
                .execute(values(rule)).map(rows -> read(rows.iterator().next()));
    }

    /**
     * @param id the rule
     * @param change the new rule from the current one (may fail with its own exception)
     * @return before and after; TEL-013 when there is no such rule
     */
    public Future<Change> update(String id, Function<Rule, Future<Rule>> change) {
        return pool.withTransaction(conn -> get(conn, id, true).compose(before -> change.apply(before)
                .compose(wanted -> conn.preparedQuery("UPDATE routing_rules SET tenant_id = $1, service = $2, prefix = $3, "
                                + "policy = $4, allowed_carriers = $5, denied_carriers = $6, preferred_carrier = $7, "
                                + "max_rate = $8, priority = $9, enabled = $10, updated_at = now() WHERE id = $11 RETURNING "
                                + COLUMNS)
                        .execute(values(wanted).addValue(UUID.fromString(id)))
                        .map(rows -> new Change(before, read(rows.iterator().next()))))));
    }

    /** @return the deleted rule; TEL-013 when there is no such rule */
    public Future<Rule> delete(String id) {
        return pool.withTransaction(conn -> get(conn, id, true).compose(before -> conn
                .preparedQuery("DELETE FROM routing_rules WHERE id = $1").execute(Tuple.of(UUID.fromString(id)))
                .map(before)));
    }

    private static Tuple values(Rule r) {
        return Tuple.tuple(java.util.Arrays.asList(r.tenantId() == null ? null : UUID.fromString(r.tenantId()), r.service(),
                r.prefix(), r.policy(), r.allowedCarriers().isEmpty() ? null : r.allowedCarriers().toArray(String[]::new),
                r.deniedCarriers().isEmpty() ? null : r.deniedCarriers().toArray(String[]::new), r.preferredCarrier(),
                r.maxRate(), r.priority(), r.enabled()));
    }

    private static Rule read(Row row) {
        UUID tenant = row.getUUID(1);
        String[] allowed = row.getArrayOfStrings(5);
        String[] denied = row.getArrayOfStrings(6);
        var created = row.getOffsetDateTime(11);
        var updated = row.getOffsetDateTime(12);
        return new Rule(row.getUUID(0).toString(), tenant == null ? null : tenant.toString(), row.getString(2),
                row.getString(3), row.getString(4), allowed == null ? List.of() : List.of(allowed),
                denied == null ? List.of() : List.of(denied), row.getString(7), row.getBigDecimal(8), row.getInteger(9),
                row.getBoolean(10), created == null ? null : created.toInstant(), updated == null ? null : updated.toInstant());
    }

    /** @return TEL-013 naming the rule */
    public static SwitchboardException notFound(String id) {
        return new SwitchboardException(ErrorCode.TEL_013, "no such routing rule: " + id, Map.of("id", id));
    }
}
