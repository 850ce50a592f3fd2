package io.switchboard.api.limits;

import io.switchboard.api.auth.ApiPrincipal;
import io.vertx.core.Future;

/**
 * The rate limits of the doors that are not REST (gRPC, the event-bus gateway): the same buckets,
 * per key and operation, as {@link RateLimitHandler} uses for REST, so a key's calls per second are
 * counted once whichever door they come through.
 */
@FunctionalInterface
public interface RateGate {

    /** A gate that lets everything through ({@code limits.enabled: false}). */
    RateGate OPEN = (principal, operation) -> Future.succeededFuture();

    /**
     * @param principal who asks
     * @param operation what it counts against
     * @return succeeds when allowed (or when the limiter is unavailable: it fails open, as REST does);
     *     fails with TEL-003 (details {@code operation}, {@code retry_after_s}) when over the limit
     */
    Future<Void> admit(ApiPrincipal principal, Operation operation);
}
