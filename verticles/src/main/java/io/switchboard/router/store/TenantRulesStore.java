package io.switchboard.router.store;

import io.switchboard.contract.model.Service;
import io.switchboard.router.policy.TenantRules;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's routing rules ({@code routing_rules}) merged into one {@link TenantRules} for a
 * service. Rules without a prefix set the policy, allowed and denied carriers, the preferred
 * carrier and the maximum rate; rules with a prefix are static routes (their allowed carriers,
 * in order). Rules for every tenant ({@code tenant_id IS NULL}) apply first, the tenant's own
 * after them, and within each group by ascending {@code priority}: later rules override single
 * values (policy, preferred, max rate) and add to the lists.
 */
public final class TenantRulesStore {

    private final Pool pool;

    /** @param pool the node's PostgreSQL pool */
    public TenantRulesStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param tenantId the tenant (a UUID string), or null for the rules of every tenant only
     * @param service the service
     * @return the merged rules ({@link TenantRules#NONE} when there are none)
     */
    public Future<TenantRules> load(String tenantId, Service service) {
        UUID tenant = tenantId == null ? null : UUID.fromString(tenantId);
        return pool.preparedQuery("SELECT policy, allowed_carriers, denied_carriers, preferred_carrier, max_rate, prefix "
                        + "FROM routing_rules WHERE enabled AND (service IS NULL OR service = $2) "
                        + "AND (tenant_id IS NULL OR tenant_id = $1) ORDER BY tenant_id NULLS FIRST, priority, id")
                .execute(Tuple.of(tenant, service.wireName()))
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return merge(list);
                });
    }

    private static TenantRules merge(List<Row> rules) {
        TenantRules.Policy policy = TenantRules.Policy.LCR;
        Set<String> allowed = new HashSet<>();
        Set<String> denied = new HashSet<>();
        String preferred = null;
        BigDecimal maxRate = null;
        Map<String, List<String>> statics = new LinkedHashMap<>();
        for (Row row : rules) {
            String prefix = row.getString(5);
            String[] allow = row.getArrayOfStrings(1);
            if (prefix != null && !prefix.isEmpty()) {
                if (allow != null) {
                    statics.put(prefix, List.of(allow));
                }
                continue;
            }
            policy = TenantRules.Policy.valueOf(row.getString(0).toUpperCase(java.util.Locale.ROOT));
            if (allow != null) {
                allowed.addAll(Arrays.asList(allow));
            }
            if (row.getArrayOfStrings(2) != null) {
                denied.addAll(Arrays.asList(row.getArrayOfStrings(2)));
            }
            if (row.getString(3) != null) {
                preferred = row.getString(3);
            }
            if (row.getBigDecimal(4) != null) {
                maxRate = row.getBigDecimal(4);
            }
        }
        return new TenantRules(policy, allowed, denied, preferred, maxRate, statics);
    }
}
