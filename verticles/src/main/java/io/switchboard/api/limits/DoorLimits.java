package io.switchboard.api.limits;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.call.CallRecord;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The limits of the doors that are not REST (gRPC, the event-bus gateway): the same rate-limit
 * buckets, per key and operation, as {@link RateLimitHandler} uses for REST, so a key's calls per
 * second are counted once whichever door they come through; and the same concurrent-call slots per
 * tenant ({@link CallSlots}) as {@link ConcurrentCallHandler}.
 */
public interface DoorLimits {

    /** Limits that let everything through ({@code limits.enabled: false}). */
    DoorLimits OPEN = new DoorLimits() {
        @Override
        public Future<Void> admit(ApiPrincipal principal, Operation operation) {
            return Future.succeededFuture();
        }

        @Override
        public Future<CallRecord> placeCall(ApiPrincipal principal, Supplier<Future<CallRecord>> place) {
            return place.get();
        }
    };

    /**
     * @param principal who asks
     * @param operation what it counts against
     * @return succeeds when allowed (or when the limiter is unavailable: it fails open, as REST does);
     *     fails with TEL-003 (details {@code operation}, {@code retry_after_s}) when over the limit
     */
    Future<Void> admit(ApiPrincipal principal, Operation operation);

    /**
     * Places a call under the tenant's concurrent-call limit: holds a slot while {@code place} runs and
     * binds it to the created call (freed when the call ends), or frees it when the create fails.
     *
     * @param principal who places the call
     * @param place creates the call
     * @return the call; TEL-003 (details {@code limit = "voice_concurrent"}, {@code max},
     *     {@code retry_after_s}) when the tenant is at its limit, without calling {@code place}
     */
    Future<CallRecord> placeCall(ApiPrincipal principal, Supplier<Future<CallRecord>> place);
}
