package io.switchboard.api;

import io.switchboard.api.contract.ApiContract;
import io.switchboard.api.contract.RequestValidation;
import io.switchboard.http.ErrorResponses;
import io.switchboard.http.HttpServers;
import io.switchboard.http.ObservabilityRoutes;
import io.switchboard.http.RequestIds;
import io.switchboard.node.NodeContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.health.HealthStore;
import io.switchboard.router.DeckImporter;
import io.switchboard.router.store.DeckStore;
import io.switchboard.router.store.RatesCopy;
import io.switchboard.api.audit.AuditLog;
import io.switchboard.api.auth.AuthHandler;
import io.switchboard.api.auth.KeyBootstrap;
import io.switchboard.api.auth.KeyStore;
import io.switchboard.api.tenants.TenantStore;

/**
 * The {@code http-api} role: the public HTTP server on {@code http.host:http.port}.
 *
 * <p>It serves the operator endpoints ({@code /health/*}, {@code /metrics}), rate decks
 * ({@link DecksApi}), route explanations ({@link RoutesApi}), carrier health ({@link HealthApi}), calls and messages
 * ({@link CallsApi}), CDRs, usage, costs and webhook deliveries ({@link RecordsApi}), the WebSocket event
 * stream {@code /v1/events} ({@link io.switchboard.api.events.EventStreamApi}), API keys, tenants and
 * the audit log; authenticates every {@code /v1} request ({@link AuthHandler}), then validates it
 * against the OpenAPI document served at {@code /openapi.yaml} ({@link RequestValidation}) before the
 * handlers, with rate limits, concurrent-call limits and {@code Idempotency-Key}
 * ({@link io.switchboard.api.limits.ApiLimits}) on {@code /v1}; assigns and echoes {@code X-Request-Id},
 * enforces {@code http.body-limit} (413 TEL-011; deck uploads have their own limit) and answers unknown
 * paths with TEL-013. On its own port ({@code grpc.port}) it serves the gRPC API
 * ({@link io.switchboard.api.grpc.GrpcEndpoint}), and it serves the public event-bus addresses
 * ({@link io.switchboard.api.bus.BusGateway}); both authenticate with the same {@link AuthHandler}'s verifier.
 */
public final class HttpApiVerticle extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpApiVerticle.class);

    private final NodeContext node;
    private HttpServer server;
    private Router router;
    private io.switchboard.api.events.EventStreamApi events;
    private io.switchboard.api.auth.LastUsed lastUsed;
    private io.switchboard.api.auth.KeyVerifier verifier;
    private io.switchboard.api.limits.ApiLimits limits;
    private io.switchboard.api.grpc.GrpcEndpoint grpc;
    private io.switchboard.api.bus.BusGateway gateway;

    /** @param node the node's shared services */
    public HttpApiVerticle(NodeContext node) {
        this.node = node;
    }

    @Override
    public Future<?> start() {
        var secrets = node.config().secrets();
        return vertx.executeBlocking(() -> io.switchboard.carrier.config.CredentialCipher.load(secrets.key(), secrets.keyFile()))
                .recover(e -> Future.failedFuture(new IllegalStateException("secrets: " + e.getMessage())))
                .compose(cipher -> ApiContract.load(vertx).compose(contract -> serve(contract, cipher)));
    }

    /**
     * Mounts every route and listens; {@code contract} validates requests, {@code cipher} encrypts carrier
     * credentials given to the admin API.
     */
    private Future<?> serve(ApiContract contract, io.switchboard.carrier.config.CredentialCipher cipher) {
        var http = node.config().http();
        var api = node.config().api();
        KeyStore keys = new KeyStore(node.pool());
        AuditLog auditLog = new AuditLog(node.pool());
        AuditTrail audit = new AuditTrail(auditLog);
        lastUsed = new io.switchboard.api.auth.LastUsed(keys);
        verifier = new io.switchboard.api.auth.KeyVerifier(keys, auditLog, lastUsed, api.keyCacheMs(), java.time.Clock.systemUTC());
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::handle);
        router.route().handler(new AuthHandler(verifier));
        new RequestValidation(vertx, contract, http.bodyLimit()).install(router);
        var settings = node.config().router();
        DeckStore store = new DeckStore(node.pool());
        DecksApi decks = new DecksApi(vertx, store, new DeckImporter(vertx, store, new RatesCopy(node.database()), settings.currency(),
                settings.exchangeRates()), settings.deckUploadLimit(), audit);
        decks.mountUpload(router);
        // the WebSocket upgrade, like the streamed upload, comes before the body handler: its request stays unread
        events = new io.switchboard.api.events.EventStreamApi(vertx, new io.switchboard.api.events.EventBuffer(),
                ctx -> Future.succeededFuture(Tenants.of(ctx)), 1 << 20);
        events.mount(router);
        router.route().handler(BodyHandler.create(false).setBodyLimit(http.bodyLimit()));
        limits = new io.switchboard.api.limits.ApiLimits(vertx, node.config().limits(),
                node.config().calls().routeTimeoutMs(), node.cluster() == null ? null : node.cluster().hazelcast(), node.registry());
        limits.mount(router);
        decks.mountReads(router);
        new RoutesApi(vertx.eventBus()).mount(router);
        new HealthApi(vertx.eventBus(), new HealthStore(node.pool()), audit).mount(router);
        var carrierDefaults = node.config().carrierDefaults();
        new CarriersApi(new io.switchboard.carrier.config.CarrierAdminStore(node.pool(), cipher, carrierDefaults.breaker(),
                carrierDefaults.timeoutMs()), audit, vertx.eventBus(), carrierDefaults.breaker(), carrierDefaults.timeoutMs())
                .mount(router);
        new RoutingRulesApi(new io.switchboard.router.store.RoutingRuleStore(node.pool()), audit, vertx.eventBus())
                .mount(router);
        new KeysApi(keys, audit, this::authChanged, api.rotationGraceS()).mount(router);
        new TenantsApi(new TenantStore(node.pool()), audit, this::authChanged).mount(router);
        new AuditApi(auditLog).mount(router);
        var records = new io.switchboard.cdr.CdrQueries(node.pool());
        new CallsApi(vertx.eventBus(), records, node.config().calls().routeTimeoutMs(),
                node.config().calls().maxMessageSegments()).mount(router);
        new RecordsApi(records).mount(router);
        new WebhooksApi(vertx.eventBus(), node.config().webhooks().publicUrl()).mount(router);
        new SandboxApi(vertx).mount(router);
        ObservabilityRoutes.mount(router, node.liveness(), node.readiness(), node.registry());
        ErrorResponses.install(router);
        this.router = router;
        vertx.setPeriodic(api.lastUsedFlushMs(), id -> lastUsed.flush().onFailure(error ->
                LOG.warn("api keys: last_used_at not written, kept for the next flush: {}", error.getMessage())));
        if (node.config().grpc().enabled()) {
            grpc = new io.switchboard.api.grpc.GrpcEndpoint(vertx, records, verifier,
                    node.config().calls().routeTimeoutMs(), limits.gate());
        }
        gateway = new io.switchboard.api.bus.BusGateway(vertx.eventBus(), verifier,
                new CallFinder(vertx.eventBus(), records), node.config().calls().routeTimeoutMs(),
                node.config().calls().maxMessageSegments(), limits.gate());
        return KeyBootstrap.ensure(keys, Tenants.DEFAULT, api.bootstrapAdminKey())
                .compose(v -> vertx.eventBus().<String>consumer(Addresses.AUTH_CHANGED, m -> evict(m.body())).completion())
                .compose(v -> limits.start())
                .compose(v -> events.start())
                .compose(v -> gateway.start())
                .compose(v -> HttpServers.listen(vertx, router, http.host(), http.port(), "http"))
                .onSuccess(s -> server = s)
                .compose(s -> grpc == null ? Future.succeededFuture() : grpc.start(http.host(), node.config().grpc().port()))
                .compose(s -> vertx.eventBus().<Void>consumer(Addresses.HTTP_URL, m -> m.reply(localUrl())).completion());
    }

    /** @return this API's address for carriers on this machine: {@code http://<host>:<port>} (0.0.0.0 as 127.0.0.1) */
    private String localUrl() {
        String host = node.config().http().host();
        return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":" + port();
    }

    /** A key or tenant changed here: forget it in this node at once, then tell the others. */
    private void authChanged(String change) {
        evict(change);
        vertx.eventBus().publish(Addresses.AUTH_CHANGED, change);
    }

    private void evict(String body) {
        if (body.startsWith("prefix:")) {
            verifier.evictPrefix(body.substring("prefix:".length()));
        } else if (body.startsWith("tenant:")) {
            verifier.evictTenant(body.substring("tenant:".length()));
        }
    }

    /** @return this node's API-key verifier, for the other doors of the API (gRPC, event bus) */
    public io.switchboard.api.auth.ApiKeyAuthenticator authenticator() {
        return verifier;
    }

    /** @return the routes of the public API, in order (for tests that compare them with the OpenAPI document) */
    public java.util.List<io.vertx.ext.web.Route> routes() {
        return router == null ? java.util.List.of() : router.getRoutes();

    }

    /** @return the bound gRPC port, or -1 when gRPC is disabled (useful when {@code grpc.port} is 0) */
    public int grpcPort() {
        return grpc == null ? -1 : grpc.port();
    }

    /** @return the bound port (useful when {@code http.port} is 0) */
    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        limits.stop();
        long drain = node.config().shutdown().drainTimeoutMs();
        return events.stop().compose(v -> gateway == null ? Future.succeededFuture() : gateway.stop())
                .compose(v -> grpc == null ? Future.succeededFuture() : grpc.stop(drain))
                .compose(v -> HttpServers.shutdown(server, drain))
                .compose(v -> lastUsed.flush().recover(error -> Future.succeededFuture()));
    }
}
