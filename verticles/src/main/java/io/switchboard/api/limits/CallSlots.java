package io.switchboard.api.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concurrent-call limit of a tenant, as every door applies it (REST through
 * {@link ConcurrentCallHandler}, gRPC and the event bus through {@link DoorLimits#placeCall}): a slot is
 * reserved in the cluster-wide ledger ({@link ConcurrentCalls}) before the call is placed, bound to the
 * call once it exists, and released at once when the call could not be created.
 *
 * <p>At the limit the refusal is TEL-003 (HTTP 429) with details {@code limit = "voice_concurrent"},
 * {@code max} (calls) and {@code retry_after_s = 1}. When the ledger is unavailable the call is let
 * through (fail open, as the rate limits do), counted in
 * {@code switchboard.api.limiter.failures{limiter="concurrent"}} and logged.
 */
final class CallSlots {

    private static final Logger LOG = LoggerFactory.getLogger(CallSlots.class);

    private final LimitPolicy policy;
    private final ConcurrentCalls calls;
    private final MeterRegistry registry;

    /**
     * @param policy the limits of each tenant
     * @param calls the ledger
     * @param registry where {@code switchboard.api.limited{operation="voice",limit="concurrent"}} and the
     *     limiter failures are counted
     */
    CallSlots(LimitPolicy policy, ConcurrentCalls calls, MeterRegistry registry) {
        this.policy = policy;
        this.calls = calls;
        this.registry = registry;
    }

    /**
     * @param principal who places the call
     * @return the reserved slot's id, or null when the tenant has no concurrent-call limit or the ledger
     *     is unavailable; fails with TEL-003 when the tenant is at its limit
     */
    Future<String> reserve(ApiPrincipal principal) {
        long limit = policy.concurrentCalls(principal);
        if (limit <= 0) {
            return Future.succeededFuture();
        }
        return calls.acquire(principal.tenantId(), limit).transform(result -> {
            if (result.failed()) {
                LOG.warn("concurrent-call ledger unavailable, call let through: {}", result.cause().toString());
                registry.counter("switchboard.api.limiter.failures", "limiter", "concurrent").increment();
                return Future.succeededFuture();
            }
            if (result.result().isEmpty()) {
                registry.counter("switchboard.api.limited", "operation", "voice", "limit", "concurrent").increment();
                return Future.failedFuture(new SwitchboardException(ErrorCode.TEL_003, "concurrent call limit reached: "
                        + limit + " live calls", Map.of("limit", LimitPolicy.VOICE_CONCURRENT, "max", limit,
                        "retry_after_s", 1), 429, null));
            }
            return Future.succeededFuture(result.result().get());
        });
    }

    /**
     * Binds the slot to the call that was created, or frees it when none was.
     *
     * @param slot a slot of {@link #reserve} (null: nothing to settle)
     * @param tenantId the tenant
     * @param callId the created call's id, or null when the create failed
     */
    void settle(String slot, String tenantId, String callId) {
        if (slot == null) {
            return;
        }
        (callId == null ? calls.release(slot) : calls.bind(slot, tenantId, callId))
                .onFailure(e -> LOG.warn("concurrent-call ledger: cannot settle {}: {}", slot, e.toString()));
    }

    /**
     * @param principal who places the call
     * @param place creates the call (runs only once a slot is held, or when there is no limit)
     * @return the created call, or TEL-003 at the limit, or the create's own failure
     */
    Future<CallRecord> place(ApiPrincipal principal, Supplier<Future<CallRecord>> place) {
        return reserve(principal).compose(slot -> place.get()
                .andThen(created -> settle(slot, principal.tenantId(), created.succeeded() ? created.result().id() : null)));
    }
}
