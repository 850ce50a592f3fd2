package io.switchboard.router;

import io.switchboard.contract.model.Service;
import io.switchboard.router.policy.TenantRules;
import io.switchboard.router.store.TenantRulesStore;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tenant routing rules kept in memory for {@value #TTL_MS} ms per tenant and service, so a
 * decision does not wait for PostgreSQL; a rule changed in the table applies within that time.
 */
public final class RulesCache {

    /** How long rules are kept before they are read again, ms. */
    public static final long TTL_MS = 30_000;

    private record Entry(TenantRules rules, long loadedAtMs) {
    }

    private final TenantRulesStore store;
    private final LongSupplier clockMs;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param store where rules are
     * @param clockMs current time, ms
     */
    public RulesCache(TenantRulesStore store, LongSupplier clockMs) {
        this.store = store;
        this.clockMs = clockMs;
    }

    /**
     * Forgets every cached rule (rules changed through the admin API), so the next decision of any
     * tenant reads them again.
     */
    public void forgetAll() {
        entries.clear();
    }

    /** @return the tenant's merged rules for the service (tenant null: the rules for every tenant) */
    public Future<TenantRules> rules(String tenantId, Service service) {
        String key = tenantId + "|" + service.wireName();
        Entry entry = entries.get(key);
        long now = clockMs.getAsLong();
        if (entry != null && now - entry.loadedAtMs() < TTL_MS) {
            return Future.succeededFuture(entry.rules());
        }
        return store.load(tenantId, service).onSuccess(rules -> entries.put(key, new Entry(rules, now)));
    }
}
