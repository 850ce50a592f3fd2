package io.switchboard.api.auth;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin key, so that a new cluster can be administered: the configured
 * {@code api.bootstrap-admin-key} is stored for the operator tenant (each start; nothing happens if
 * it is there), or, with none configured, a new database (no key at all) gets a generated live
 * admin key, logged once at WARN: {@code bootstrap admin key (shown once, store it now): sk_live_...}.
 */
public final class KeyBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(KeyBootstrap.class);

    private KeyBootstrap() {
    }

    /**
     * @param store the keys
     * @param operatorTenant the operator tenant's id
     * @param configuredKey {@code api.bootstrap-admin-key}, or empty
     * @return completes when the key exists
     */
    public static Future<Void> ensure(KeyStore store, String operatorTenant, String configuredKey) {
        if (!configuredKey.isEmpty()) {
            return store.ensure(operatorTenant, configuredKey).onSuccess(stored -> {
                if (stored) {
                    LOG.info("bootstrap admin key from api.bootstrap-admin-key stored ({}...)", ApiKeys.prefix(configuredKey));
                }
            }).mapEmpty();
        }
        return store.createFirst(operatorTenant).onSuccess(created -> created.ifPresent(key ->
                LOG.warn("bootstrap admin key (shown once, store it now): {}", key))).mapEmpty();
    }
}
