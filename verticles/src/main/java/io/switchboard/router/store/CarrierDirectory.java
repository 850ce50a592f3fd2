package io.switchboard.router.store;

import io.switchboard.contract.model.Service;
import io.switchboard.router.policy.CarrierProfile;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Reads the configured carriers ({@code carriers} table) as routing profiles, ordered by id. */
public final class CarrierDirectory {

    private final Pool pool;

    /** @param pool the node's PostgreSQL pool */
    public CarrierDirectory(Pool pool) {
        this.pool = pool;
    }

    /** @return every carrier, enabled or not */
    public Future<List<CarrierProfile>> load() {
        return pool.query("SELECT id, priority, weight, enabled, services, coalesce(cps_limit, 0), "
                        + "coalesce(max_concurrent, 0), coalesce(sandbox, false) FROM carriers ORDER BY id").execute()
                .map(rows -> {
                    List<CarrierProfile> profiles = new ArrayList<>();
                    for (Row row : rows) {
                        profiles.add(new CarrierProfile(row.getString(0), row.getInteger(1), row.getInteger(2),
                                row.getBoolean(3), services(row.getArrayOfStrings(4)), row.getInteger(5),
                                row.getInteger(6), row.getBoolean(7)));
                    }
                    return profiles;
                });
    }

    /**
     * @return carrier id → its own retryable SIP codes ({@code settings.settings.retry_sip_codes},
     *     comma-separated), for carriers that have them; unparseable entries are skipped
     */
    public Future<java.util.Map<String, Set<Integer>>> retryCodes() {
        return pool.query("SELECT id, settings->'settings'->>'retry_sip_codes' FROM carriers "
                        + "WHERE settings->'settings'->>'retry_sip_codes' IS NOT NULL").execute()
                .map(rows -> {
                    java.util.Map<String, Set<Integer>> codes = new java.util.HashMap<>();
                    for (Row row : rows) {
                        Set<Integer> set = new java.util.LinkedHashSet<>();
                        for (String code : row.getString(1).split(",")) {
                            try {
                                set.add(Integer.parseInt(code.trim()));
                            } catch (NumberFormatException ignored) {
                                // skipped, as documented
                            }
                        }
                        if (!set.isEmpty()) {
                            codes.put(row.getString(0), Set.copyOf(set));
                        }
                    }
                    return codes;
                });
    }

    private static Set<Service> services(String[] names) {
        Set<Service> services = EnumSet.noneOf(Service.class);
        for (String name : names) {
            services.add(Service.fromWire(name));
        }
        return services;
    }
}
