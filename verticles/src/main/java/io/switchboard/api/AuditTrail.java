package io.switchboard.api;

import io.switchboard.api.audit.AuditEntry;
import io.switchboard.api.audit.AuditLog;
import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the audit row of a configuration change made through the API: who (the key), from where, which request. */
final class AuditTrail {

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    /**
     * @param ctx the authenticated request that made the change
     * @param tenantId the tenant concerned, or null for cluster-wide configuration (carriers, decks)
     * @param action e.g. {@code key.create}
     * @param target the changed resource's id
     * @param before its view before, without secrets, or null
     * @param after its view after, without secrets, or null
     * @return completes when written
     */
    Future<Void> record(RoutingContext ctx, String tenantId, String action, String target, Object before, Object after) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (before != null) {
            details.put("before", before);
        }
        if (after != null) {
            details.put("after", after);
        }
        SocketAddress remote = ctx.request().remoteAddress();
        return log.record(new AuditEntry(tenantId, ApiPrincipal.of(ctx).keyId(), action, target, details,
                RequestIds.of(ctx), remote == null ? null : remote.hostAddress()));
    }
}
