package io.switchboard.api.limits;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.http.ErrorResponses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits of the public API (mounted on {@code /v1/*} after authentication): finds the request's
 * {@link Operation}, the key's limits for it ({@link LimitPolicy}) and takes a token from the
 * cluster-wide bucket of (API key, operation) ({@link ClusterRateLimiter}). The response carries
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (unix
 * seconds); a request over a limit gets 429 TEL-003 with {@code Retry-After} (seconds) and
 * {@code details} {@code {operation, limit, window...}}, and does nothing else.
 *
 * <p>When Hazelcast cannot answer (a partition migrating, say) the request is let through without
 * headers and the failure is logged (at most once a minute) and counted: a limiter outage must not
 * become an API outage.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);

    private final LimitPolicy policy;
    private final ClusterRateLimiter limiter;
    private final AtomicLong failures = new AtomicLong();
    private final io.micrometer.core.instrument.MeterRegistry registry;
    private volatile long lastWarning;

    /**
     * @param policy the limits of each key
     * @param limiter the cluster-wide buckets
     * @param registry where {@code switchboard.api.limited{operation,limit="rate"}} and
     *     {@code switchboard.api.limiter.failures{limiter="rate"}} are counted
     */
    public RateLimitHandler(LimitPolicy policy, ClusterRateLimiter limiter, io.micrometer.core.instrument.MeterRegistry registry) {
        this.policy = policy;
        this.limiter = limiter;
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<Operation> operation = Operation.of(ctx.request().method(), ctx.normalizedPath());
        if (operation.isEmpty()) {
            ctx.next();
            return;
        }
        decide(ApiPrincipal.of(ctx), operation.get(), ctx.vertx().getOrCreateContext()).onComplete(result -> {
            RateDecision decision = result.result();
            if (decision == null) {
                ctx.next();
                return;
            }
            HttpServerResponse response = ctx.response();
            response.putHeader("X-RateLimit-Limit", Long.toString(decision.limit()))
                    .putHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()))
                    .putHeader("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
            if (decision.allowed()) {
                ctx.next();
                return;
            }
            response.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            SwitchboardException refused = refusal(ApiPrincipal.of(ctx), operation.get(), decision);
            ErrorResponses.send(ctx, refused.code(), 429, refused.getMessage(), refused.details());
        });
    }

    /**
     * The same check for the other doors.
     *
     * @return allowed, or TEL-003 when over the limit
     */
    public Future<Void> admit(ApiPrincipal principal, Operation operation, io.vertx.core.Context context) {
        return decide(principal, operation, context).compose(decision -> decision == null || decision.allowed()
                ? Future.succeededFuture() : Future.failedFuture(refusal(principal, operation, decision)));
    }

    /**
     * @return the decision, or null when the key is unlimited for the operation or the limiter is
     *     unavailable (counted and warned about: requests then pass unlimited); never a failed future
     */
    private Future<RateDecision> decide(ApiPrincipal principal, Operation operation, io.vertx.core.Context context) {
        RateLimit limit = policy.rate(principal, operation);
        if (limit.unlimited()) {
            return Future.succeededFuture();
        }
        return limiter.acquire(principal.keyId(), operation, limit, context).recover(error -> {
            failures.incrementAndGet();
            registry.counter("switchboard.api.limiter.failures", "limiter", "rate").increment();
            long now = System.currentTimeMillis();
            if (now - lastWarning > 60_000) {
                lastWarning = now;
                LOG.warn("rate limiter unavailable, requests pass unlimited ({} so far): {}", failures.get(),
                        error.toString());
            }
            return Future.succeededFuture();
        });
    }

    private SwitchboardException refusal(ApiPrincipal principal, Operation operation, RateDecision decision) {
        RateLimit limit = policy.rate(principal, operation);
        registry.counter("switchboard.api.limited", "operation", operation.id(), "limit", "rate").increment();
        return new SwitchboardException(ErrorCode.TEL_003, "rate limit exceeded for " + operation.id()
                + ": " + decision.limit() + " requests per window; retry in " + decision.retryAfterSeconds() + " s",
                Map.of("operation", operation.id(), "limit", limit.perSecond() + "/s, " + limit.perMinute()
                        + "/min, " + limit.perDay() + "/day (0: none)", "retry_after_s", decision.retryAfterSeconds()),
                429, null);
    }

    /** @return requests let through because the limiter failed, since start */
    public long failures() {
        return failures.get();
    }
}
