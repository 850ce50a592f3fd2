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
 * When a reload fails (PostgreSQL down), the rules last read go on serving until a reload
 * succeeds, so calls keep being routed through a database outage; a tenant whose rules were never
 * read cannot be routed until the database answers (its policy is unknown).
 */
public final class RulesCache {

    /** How long rules are kept before they are read again, ms. */
    public static final long TTL_MS = 30_000;

    private record Entry(TenantRules rules, long loadedAtMs) {
    }

    /** Reads a tenant's rules for a service (tenant null: the rules for every tenant). */
    @FunctionalInterface
    public interface Loader {
        /** @return the merged rules, or a failed future when they cannot be read */
        Future<TenantRules> load(String tenantId, Service service);
    }

    private final Loader store;
    private final LongSupplier clockMs;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param store where rules are
     * @param clockMs current time, ms
     */
    public RulesCache(TenantRulesStore store, LongSupplier clockMs) {
        this(store::load, clockMs);
    }

    /**
     * @param loader where rules are read from
     * @param clockMs current time, ms
     */
    public RulesCache(Loader loader, LongSupplier clockMs) {
        this.store = loader;
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
        Future<TenantRules> loaded = store.load(tenantId, service).onSuccess(rules -> entries.put(key, new Entry(rules, now)));
        return entry == null ? loaded : loaded.recover(error -> Future.succeededFuture(entry.rules()));
    }
}
