package io.switchboard.router;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.bus.CarrierStatusReport;
import io.switchboard.contract.bus.DeckPublished;
import io.switchboard.contract.bus.Role;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.node.NodeContext;
import io.switchboard.roles.RoleVerticle;
import io.switchboard.router.failover.EventBusCarrierGateway;
import io.switchboard.router.failover.FailoverLoop;
import io.switchboard.router.failover.RetryPolicy;
import io.switchboard.router.index.RateTable;
import io.switchboard.router.policy.CarrierStatus;
import io.switchboard.router.policy.RouteRanker;
import io.switchboard.router.policy.TenantRules;
import io.switchboard.router.store.CarrierDirectory;
import io.switchboard.router.store.DeckStore;
import io.switchboard.router.store.DeckVersion;
import io.switchboard.router.store.RatesCopy;
import io.switchboard.router.store.TenantRulesStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code router} role: holds every published rate deck as an in-memory index and answers
 * {@link Addresses#ROUTER_PLAN} (explain a plan) and {@link Addresses#ROUTER_ROUTE} (plan, then
 * fail over along it through the carrier adapters). It loads the published decks at start and
 * swaps in each deck announced on {@link Addresses#DECKS_PUBLISHED}, reads the carrier directory
 * again (profiles and retryable SIP codes) on {@link Addresses#CARRIERS_CHANGED}, forgets cached
 * tenant rules on {@link Addresses#ROUTING_RULES_CHANGED}, keeps each carrier's latest
 * {@link CarrierStatusReport} from {@link Addresses#CARRIER_STATUS}, writes every decision to
 * the routing log, and publishes every attempt on {@link Addresses#CARRIER_OUTCOMES}. Counter
 * {@code switchboard_routes_total{service, result}} counts routed requests, {@code carried} or
 * {@code failed} (for the voice-failure alert). The decisions themselves are {@link Router}'s and {@link FailoverLoop}'s.
 */
public final class RouterVerticle extends RoleVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);

    private final NodeContext node;
    private Router router;
    private RulesCache rules;
    private FailoverLoop failover;
    private DeckLoader loader;
    private DeckStore decks;
    private CarrierDirectory carriers;
    private RoutingLogWriter log;
    private RetryPolicy retry;

    /** @param node the node's shared services */
    public RouterVerticle(NodeContext node) {
        super(Role.ROUTER, node.nodeId());
        this.node = node;
    }

    @Override
    public Future<?> start() {
        SwitchboardConfig.Router settings = node.config().router();
        router = new Router(new RouteRanker(settings.referenceDurationS(), settings.currency(), settings.exchangeRates(),
                new SecureRandom()), System::currentTimeMillis);
        rules = new RulesCache(new TenantRulesStore(node.pool()), System::currentTimeMillis);
        EventBusCarrierGateway gateway = new EventBusCarrierGateway(vertx.eventBus());
        retry = new RetryPolicy(settings.retrySipCodes(), Map.of());
        failover = new FailoverLoop(attempt -> {
            router.sent(attempt.carrier());
            return gateway.attempt(attempt);
        }, retry, Clock.systemUTC(), settings.attemptTimeoutMs());
        decks = new DeckStore(node.pool());
        loader = new DeckLoader(vertx, new RatesCopy(node.database()));
        carriers = new CarrierDirectory(node.pool());
        log = new RoutingLogWriter(vertx, node.pool(), node.nodeId());
        log.start();
        return super.start()
                .compose(v -> reloadCarriers())
                .compose(v -> decks.published())
                .compose(this::loadAll)
                .compose(v -> Future.all(
                        vertx.eventBus().<RouteRequest>consumer(Addresses.ROUTER_PLAN, this::plan).completion(),
                        vertx.eventBus().<RouteRequest>consumer(Addresses.ROUTER_ROUTE, this::route).completion(),
                        vertx.eventBus().<DeckPublished>consumer(Addresses.DECKS_PUBLISHED, this::deckPublished)
                                .completion(),
                        vertx.eventBus().<CarrierStatusReport>consumer(Addresses.CARRIER_STATUS, this::carrierStatus)
                                .completion(),
                        vertx.eventBus().<String>consumer(Addresses.CARRIERS_CHANGED, m -> reloadCarriers()
                                .onFailure(error -> LOG.error("router: cannot read the carriers again after a change of {}: {}",
                                        m.body(), error.getMessage()))).completion(),
                        vertx.eventBus().<String>consumer(Addresses.ROUTING_RULES_CHANGED, m -> rules.forgetAll())
                                .completion()))
                .compose(v -> vertx.deployVerticle(new io.switchboard.calls.CallsVerticle(node.config())));
    }

    /** Reads the carrier directory again: profiles (tier, weight, limits, enabled) and their retryable SIP codes. */
    private Future<Void> reloadCarriers() {
        return carriers.load().compose(list -> carriers.retryCodes().map(codes -> {
            router.carriers(list);
            retry.carrierCodes(codes);
            return null;
        }));
    }

    private Future<Void> loadAll(List<DeckVersion> versions) {
        Future<Void> chain = Future.succeededFuture();
        for (DeckVersion version : versions) {
            chain = chain.compose(v -> loader.load(version)).map(this::swapIn);
        }
        return chain;
    }

    private Void swapIn(RateTable table) {
        router.publish(table);
        LOG.info("router: {} {} deck version {} in use ({} rows, {} prefixes, ~{} MB)", table.carrierId(),
                table.service().wireName(), table.deckVersion(), table.size(), table.prefixCount(),
                table.estimatedBytes() / (1024 * 1024));
        return null;
    }

    private void deckPublished(Message<DeckPublished> message) {
        DeckPublished published = message.body();
        reloadCarriers()
                .compose(v -> decks.get(published.deckId()))
                .compose(loader::load)
                .onSuccess(this::swapIn)
                .onFailure(error -> LOG.error("router: cannot load deck version {} of {}: {}", published.deckId(),
                        published.carrier(), error.getMessage()));
    }

    private void carrierStatus(Message<CarrierStatusReport> message) {
        CarrierStatusReport report = message.body();
        router.status(report.carrier(), new CarrierStatus(report.healthScore(), report.down(), report.disabled(),
                report.breaker(), 0, report.callsInProgress()));
    }

    private void plan(Message<RouteRequest> message) {
        RouteRequest request = message.body();
        rules.rules(request.tenantId(), request.service())
                .onSuccess(tenantRules -> {
                    var plan = router.plan(request, tenantRules, Clock.systemUTC().instant());
                    log.planned(plan, request.tenantId(), policy(tenantRules));
                    message.reply(plan);
                })
                .onFailure(error -> BusErrors.fail(message, internal(error)));
    }

    private void route(Message<RouteRequest> message) {
        RouteRequest request = message.body();
        rules.rules(request.tenantId(), request.service())
                .compose(tenantRules -> {
                    var plan = router.plan(request, tenantRules, Clock.systemUTC().instant(), false);
                    return failover.run(request, plan, request.requestId(), attempt -> announce(request, attempt))
                            .onSuccess(result -> {
                                log.routed(result, request.tenantId(), policy(tenantRules));
                                node.registry().counter("switchboard.routes", "service", request.service().wireName(),
                                        "result", result.carrier() != null ? "carried" : "failed").increment();
                            });
                })
                .onSuccess(message::reply)
                .onFailure(error -> BusErrors.fail(message, internal(error)));
    }

    private void announce(RouteRequest request, Attempt attempt) {
        vertx.eventBus().publish(Addresses.CARRIER_OUTCOMES, attempt);
        if (attempt.outcome() != AttemptOutcome.SUCCESS) {
            vertx.eventBus().publish(Addresses.EVENTS, EventEnvelope.of(EventTypes.CALL_ATTEMPT_FAILED,
                    attempt.endedAt(), request.tenantId(), attempt));
        }
    }

    private static String policy(TenantRules rules) {
        return rules.policy().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static SwitchboardException internal(Throwable error) {
        return error instanceof SwitchboardException known ? known
                : new SwitchboardException(ErrorCode.TEL_900, "router failed: " + error.getMessage());
    }

    @Override
    public Future<?> stop() {
        return log.stop().compose(v -> super.stop());
    }
}
