package io.switchboard.api.auth;

import io.switchboard.api.audit.AuditEntry;
import io.switchboard.api.audit.AuditLog;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ApiKeyAuthenticator} over {@code api_keys}: finds the row by the key's lookup prefix,
 * compares SHA-256 hashes in constant time, then checks revocation, expiry, rotation grace, the
 * tenant's status and the IP allow-list ({@link StoredKey#refusal}).
 *
 * <p>Rows are cached per node for {@code api.key-cache-ms}; revocation, rotation and tenant
 * changes evict them on every node at once ({@link #evictPrefix}, {@link #evictTenant}, driven by
 * {@code switchboard.auth.changed}). Unknown prefixes are not cached. Each failure of a presented
 * key writes an {@code auth.failed} audit row with the reason, never the key (only its prefix).
 */
public final class KeyVerifier implements ApiKeyAuthenticator {

    private record Cached(StoredKey key, long loadedAtMs) {
    }

    private final KeyStore store;
    private final AuditLog audit;
    private final LastUsed lastUsed;
    private final long cacheMs;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param store the keys
     * @param audit where failures are written
     * @param lastUsed where successful uses are noted
     * @param cacheMs how long a row is trusted before it is read again, ms
     * @param clock the time
     */
    public KeyVerifier(KeyStore store, AuditLog audit, LastUsed lastUsed, long cacheMs, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.lastUsed = lastUsed;
        this.cacheMs = cacheMs;
        this.clock = clock;
    }

    @Override
    public Future<ApiPrincipal> authenticate(String presentedKey, String remoteAddress, String requestId) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Future.failedFuture(new SwitchboardException(ErrorCode.TEL_008,
                    "missing API key: send the header Authorization: Bearer sk_live_... (or sk_test_...)"));
        }
        if (!ApiKeys.wellFormed(presentedKey)) {
            return refuse(null, "anonymous", "malformed key", remoteAddress, requestId, ErrorCode.TEL_008,
                    "malformed API key: expected sk_live_ or sk_test_ followed by 32 letters and digits");
        }
        String prefix = ApiKeys.prefix(presentedKey);
        return lookup(prefix).compose(found -> {
            String actor = "key:" + prefix;
            if (found == null || !ApiKeys.matches(presentedKey, found.hash())) {
                return refuse(found == null ? null : found.tenantId(), actor, "unknown key", remoteAddress, requestId,
                        ErrorCode.TEL_008, "invalid API key");
            }
            Instant now = clock.instant();
            String refusal = found.refusal(now, address(remoteAddress));
            if (refusal != null) {
                boolean address = refusal.equals("address not allowed");
                return refuse(found.tenantId(), found.id(), refusal, remoteAddress, requestId,
                        address ? ErrorCode.TEL_005 : ErrorCode.TEL_008,
                        address ? "this API key may not be used from " + remoteAddress : "API key " + refusal);
            }
            lastUsed.note(found.id(), now);
            return Future.succeededFuture(found.principal());
        });
    }

    private Future<StoredKey> lookup(String prefix) {
        Cached cached = cache.get(prefix);
        long nowMs = clock.millis();
        if (cached != null && nowMs - cached.loadedAtMs() < cacheMs) {
            return Future.succeededFuture(cached.key());
        }
        return store.find(prefix).map(found -> {
            found.ifPresentOrElse(key -> cache.put(prefix, new Cached(key, nowMs)), () -> cache.remove(prefix));
            return found.orElse(null);
        });
    }

    private Future<ApiPrincipal> refuse(String tenantId, String actor, String reason, String remoteAddress,
            String requestId, ErrorCode code, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        return audit.record(new AuditEntry(tenantId, actor, "auth.failed", null, details, requestId, remoteAddress))
                .transform(written -> Future.failedFuture(new SwitchboardException(code, message)));
    }

    private static InetAddress address(String remoteAddress) {
        if (remoteAddress == null || !remoteAddress.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(remoteAddress);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Forgets the cached row of the key with this lookup prefix (it was revoked or rotated). */
    public void evictPrefix(String prefix) {
        cache.remove(prefix);
    }

    /** Forgets the cached rows of this tenant's keys (its plan, limits or status changed). */
    public void evictTenant(String tenantId) {
        cache.values().removeIf(cached -> cached.key().tenantId().equals(tenantId));
    }
}
