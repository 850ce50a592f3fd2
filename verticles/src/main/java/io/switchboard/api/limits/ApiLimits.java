package io.switchboard.api.limits;

import com.hazelcast.core.HazelcastInstance;
import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.call.CallRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the API's limits into the http-api's router: {@link IdempotencyHandler} on every
 * {@code /v1/*} request, then (with {@code limits.enabled}) {@link RateLimitHandler} and, on
 * {@code POST /v1/calls}, {@link ConcurrentCallHandler}; frees a call's slot on its final event and
 * runs the concurrent-call ledger's sweep every {@code limits.concurrency-sweep-interval-ms}. Mount after the body handler and the
 * authentication handler (every handler reads {@link io.switchboard.api.auth.ApiPrincipal#of}) and
 * before the endpoints.
 */
public final class ApiLimits {

    private static final Logger LOG = LoggerFactory.getLogger(ApiLimits.class);

    private final Vertx vertx;
    private final SwitchboardConfig.Limits settings;
    private final IdempotencyStore idempotency;
    private final ConcurrentCalls concurrentCalls;
    private final CallSlots callSlots;
    private final RateLimitHandler rates;
    private final LimitPolicy policy = new LimitPolicy();
    private final io.micrometer.core.instrument.MeterRegistry registry;
    private long sweeper = -1;

    /**
     * @param vertx the verticle's Vert.x
     * @param settings {@code limits.*}
     * @param routeTimeoutMs {@code calls.route-timeout-ms} (a concurrent-call reservation lives a little longer)
     * @param hazelcast the cluster's Hazelcast; may be null only when {@code limits.enabled} is false
     * @param registry the node's metrics ({@code switchboard_api_limited_total}, {@code switchboard_api_idempotency_total},
     *     {@code switchboard_api_limiter_failures_total})
     */
    public ApiLimits(Vertx vertx, SwitchboardConfig.Limits settings, long routeTimeoutMs, HazelcastInstance hazelcast,
                     io.micrometer.core.instrument.MeterRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
        this.settings = settings;
        this.idempotency = new IdempotencyStore(vertx, settings.idempotencyTtlMs(), settings.idempotencyWaitMs());
        if (settings.enabled()) {
            if (hazelcast == null) {
                throw new IllegalStateException("limits.enabled needs the cluster's Hazelcast");
            }
            this.rates = new RateLimitHandler(policy, new ClusterRateLimiter(hazelcast.getMap(ClusterRateLimiter.MAP)),
                    registry);
            this.concurrentCalls = new ConcurrentCalls(vertx, hazelcast, routeTimeoutMs + 15_000);
            this.callSlots = new CallSlots(policy, concurrentCalls, registry);
        } else {
            this.rates = null;
            this.concurrentCalls = null;
            this.callSlots = null;
        }
    }

    /** @return the limits for the gRPC and event-bus doors ({@link DoorLimits#OPEN} when limits are off) */
    public DoorLimits gate() {
        if (!settings.enabled()) {
            return DoorLimits.OPEN;
        }
        return new DoorLimits() {
            @Override
            public Future<Void> admit(ApiPrincipal principal, Operation operation) {
                return rates.admit(principal, operation, vertx.getOrCreateContext());
            }

            @Override
            public Future<CallRecord> placeCall(ApiPrincipal principal, Supplier<Future<CallRecord>> place) {
                return callSlots.place(principal, place);
            }
        };
    }

    /** Mounts the handlers on {@code /v1/*}. */
    public void mount(Router router) {
        router.route("/v1/*").handler(new IdempotencyHandler(idempotency, registry));
        if (settings.enabled()) {
            router.route("/v1/*").handler(rates);
            router.post("/v1/calls").handler(new ConcurrentCallHandler(callSlots));
        }
    }

    /** Creates the ledger's index and starts its sweep. */
    public Future<Void> start() {
        if (!settings.enabled()) {
            return Future.succeededFuture();
        }
        vertx.eventBus().<io.switchboard.contract.event.EventEnvelope>consumer(
                io.switchboard.contract.bus.Addresses.EVENTS, message -> {
                    var event = message.body();
                    if (io.switchboard.contract.event.EventTypes.CALL_COMPLETED.equals(event.type())
                            || io.switchboard.contract.event.EventTypes.CALL_FAILED.equals(event.type())) {
                        String callId = event.data() == null ? null : event.data().path("call_id").asText(null);
                        if (callId != null) {
                            concurrentCalls.ended(callId);
                        }
                    }
                });
        return vertx.executeBlocking(() -> {
            concurrentCalls.index();
            return null;
        }, false).onSuccess(v -> sweeper = vertx.setPeriodic(settings.concurrencySweepIntervalMs(), id ->
                concurrentCalls.sweep().onFailure(e -> LOG.warn("concurrent-call sweep failed: {}", e.toString())))).mapEmpty();
    }

    /** Stops the sweep. */
    public void stop() {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
    }
}
