package io.switchboard.api.limits;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.http.ErrorResponses;
import io.switchboard.http.ResponseCapture;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The concurrent-call limit of a tenant on {@code POST /v1/calls} ({@link CallSlots}): takes a slot
 * before the call is placed; at the limit the answer is 429 TEL-003 with {@code Retry-After: 1} and
 * {@code details.limit = "voice_concurrent"}. When the endpoint answers 201 the slot is bound to the
 * new call's id (it is freed when the call is no longer live); any other answer frees it at once.
 */
public final class ConcurrentCallHandler implements Handler<RoutingContext> {

    private final CallSlots slots;

    /** @param slots the tenants' concurrent-call slots */
    ConcurrentCallHandler(CallSlots slots) {
        this.slots = slots;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ApiPrincipal principal = ApiPrincipal.of(ctx);
        slots.reserve(principal).onComplete(result -> {
            if (result.failed()) {
                SwitchboardException refused = (SwitchboardException) result.cause();
                ctx.response().putHeader("Retry-After", "1");
                ErrorResponses.send(ctx, refused.code(), refused.httpStatus(), refused.getMessage(), refused.details());
                return;
            }
            String slot = result.result();
            if (slot == null) {
                ctx.next();
                return;
            }
            AtomicBoolean settled = new AtomicBoolean();
            ResponseCapture.listen(ctx, response -> {
                if (settled.compareAndSet(false, true)) {
                    slots.settle(slot, principal.tenantId(), response.status() == 201 ? callId(response.body()) : null);
                }
            });
            ctx.addEndHandler(end -> {
                if (!ctx.response().closed() && settled.compareAndSet(false, true)) {
                    slots.settle(slot, principal.tenantId(), null);
                }
            });
            ctx.next();
        });
    }

    private static String callId(String body) {
        try {
            return new JsonObject(body).getString("id");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
