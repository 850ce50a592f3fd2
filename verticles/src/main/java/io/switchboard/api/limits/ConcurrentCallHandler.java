package io.switchboard.api.limits;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.http.ErrorResponses;
import io.switchboard.http.ResponseCapture;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concurrent-call limit of a tenant on {@code POST /v1/calls}: takes a slot in the cluster-wide
 * ledger ({@link ConcurrentCalls}) before the call is placed; at the limit the answer is 429 TEL-003
 * with {@code Retry-After: 1} and {@code details.limit = "voice_concurrent"}. When the endpoint
 * answers 201 the slot is bound to the new call's id (it is freed when the call is no longer live);
 * any other answer frees it at once.
 */
public final class ConcurrentCallHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentCallHandler.class);

    private final LimitPolicy policy;
    private final ConcurrentCalls calls;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    /**
     * @param policy the limits of each tenant
     * @param calls the ledger
     * @param registry where {@code switchboard.api.limited{operation="voice",limit="concurrent"}} and
     *     {@code switchboard.api.limiter.failures{limiter="concurrent"}} are counted
     */
    public ConcurrentCallHandler(LimitPolicy policy, ConcurrentCalls calls, io.micrometer.core.instrument.MeterRegistry registry) {
        this.policy = policy;
        this.calls = calls;
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ApiPrincipal principal = ApiPrincipal.of(ctx);
        long limit = policy.concurrentCalls(principal);
        if (limit <= 0) {
            ctx.next();
            return;
        }
        calls.acquire(principal.tenantId(), limit).onComplete(result -> {
            if (result.failed()) {
                LOG.warn("concurrent-call ledger unavailable, call let through: {}", result.cause().toString());
                registry.counter("switchboard.api.limiter.failures", "limiter", "concurrent").increment();
                ctx.next();
                return;
            }
            if (result.result().isEmpty()) {
                ctx.response().putHeader("Retry-After", "1");
                registry.counter("switchboard.api.limited", "operation", "voice", "limit", "concurrent").increment();
                ErrorResponses.send(ctx, ErrorCode.TEL_003, 429, "concurrent call limit reached: " + limit
                        + " live calls", Map.of("limit", LimitPolicy.VOICE_CONCURRENT, "max", limit));
                return;
            }
            String slot = result.result().get();
            AtomicBoolean settled = new AtomicBoolean();
            ResponseCapture.listen(ctx, response -> {
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                String callId = response.status() == 201 ? callId(response.body()) : null;
                (callId == null ? calls.release(slot) : calls.bind(slot, principal.tenantId(), callId))
                        .onFailure(e -> LOG.warn("concurrent-call ledger: cannot settle {}: {}", slot, e.toString()));
            });
            ctx.addEndHandler(end -> {
                if (!ctx.response().closed() && settled.compareAndSet(false, true)) {
                    calls.release(slot);
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
