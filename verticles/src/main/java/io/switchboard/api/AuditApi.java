package io.switchboard.api;

import io.switchboard.api.audit.AuditLog;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /v1/audit[?tenant_id=&action=&from=&to=&limit=&starting_after=]} ({@code admin}): the audit
 * log, newest first; {@code action} may end in {@code .*} ({@code key.*}); {@code from}/{@code to} are
 * RFC 3339; {@code starting_after} is the last row's id.
 */
final class AuditApi {

    private final AuditLog log;

    AuditApi(AuditLog log) {
        this.log = log;
    }

    void mount(Router router) {
        router.get("/v1/audit").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        try {
            String after = Params.optional(ctx, "starting_after");
            log.list(Params.optional(ctx, "tenant_id"), Params.optional(ctx, "action"), Params.time(ctx, "from"),
                            Params.time(ctx, "to"), after == null ? null : Params.positiveLong(ctx, "starting_after"),
                            Params.limit(ctx, 100, 1000))
                    .onSuccess(rows -> ApiResponses.json(ctx, 200, Map.of("data", rows)))
                    .onFailure(error -> ApiResponses.error(ctx, error, "audit"));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "audit");
        }
    }
}
