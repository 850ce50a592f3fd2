package io.switchboard.api.audit;

import java.util.Map;

/**
 * One audit-log row: who did what to what, from where. Secrets never go in {@code details}: callers
 * pass before/after views that leave them out.
 *
 * @param tenantId the tenant concerned, or null (e.g. an unknown key)
 * @param actor the API key id, {@code key:<prefix>} for a key that failed, {@code anonymous}, {@code cli} or {@code system}
 * @param action what happened, e.g. {@code key.create}, {@code tenant.update}, {@code carrier.disable}, {@code auth.failed}
 * @param target what it happened to (an id), or null
 * @param details e.g. {@code {"before": {...}, "after": {...}}} or {@code {"reason": "revoked"}}
 * @param requestId the request's {@code X-Request-Id}, or null
 * @param remoteAddress the client's IP address, or null
 */
public record AuditEntry(String tenantId, String actor, String action, String target, Map<String, Object> details,
        String requestId, String remoteAddress) {
}
