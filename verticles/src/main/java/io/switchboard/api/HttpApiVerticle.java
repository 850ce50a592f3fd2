package io.switchboard.api;

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

/**
 * The {@code http-api} role: the public HTTP server on {@code http.host:http.port}.
 *
 * <p>It serves the operator endpoints ({@code /health/*}, {@code /metrics}), rate decks
 * ({@link DecksApi}), route explanations ({@link RoutesApi}), carrier health ({@link HealthApi}), calls and messages
 * ({@link CallsApi}), CDRs, usage, costs and webhook deliveries ({@link RecordsApi}), the WebSocket event
 * stream {@code /v1/events} ({@link io.switchboard.api.events.EventStreamApi}), and on its own port
 * ({@code grpc.port}) the gRPC API ({@link io.switchboard.api.grpc.GrpcEndpoint}), and the public
 * event-bus addresses ({@link io.switchboard.api.bus.BusGateway}); assigns and echoes
 * {@code X-Request-Id}, enforces {@code http.body-limit} (413 TEL-011; deck uploads have their own
 * limit) and answers unknown paths with TEL-013.
 */
public final class HttpApiVerticle extends VerticleBase {

    private final NodeContext node;
    private HttpServer server;
    private io.switchboard.api.events.EventStreamApi events;
    private io.switchboard.api.grpc.GrpcEndpoint grpc;
    private io.switchboard.api.bus.BusGateway gateway;

    /** @param node the node's shared services */
    public HttpApiVerticle(NodeContext node) {
        this.node = node;
    }

    @Override
    public Future<?> start() {
        var http = node.config().http();
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::handle);
        var settings = node.config().router();
        DeckStore store = new DeckStore(node.pool());
        DecksApi decks = new DecksApi(vertx, store, new DeckImporter(vertx, store, new RatesCopy(node.database()), settings.currency(),
                settings.exchangeRates()), settings.deckUploadLimit());
        decks.mountUpload(router);
        router.route().handler(BodyHandler.create(false).setBodyLimit(http.bodyLimit()));
        decks.mountReads(router);
        new RoutesApi(vertx.eventBus()).mount(router);
        new HealthApi(vertx.eventBus(), new HealthStore(node.pool())).mount(router);
        var records = new io.switchboard.cdr.CdrQueries(node.pool());
        new CallsApi(vertx.eventBus(), records, node.config().calls().routeTimeoutMs(),
                node.config().calls().maxMessageSegments()).mount(router);
        new RecordsApi(records).mount(router);
        events = new io.switchboard.api.events.EventStreamApi(vertx, new io.switchboard.api.events.EventBuffer(),
                ctx -> Future.succeededFuture(Tenants.of(ctx)), 1 << 20);
        events.mount(router);
        new WebhooksApi(vertx.eventBus(), node.config().webhooks().publicUrl()).mount(router);
        new SandboxApi(vertx.eventBus()).mount(router);
        ObservabilityRoutes.mount(router, node.liveness(), node.readiness(), node.registry());
        ErrorResponses.install(router);
        var authenticator = authenticator();
        if (node.config().grpc().enabled()) {
            grpc = new io.switchboard.api.grpc.GrpcEndpoint(vertx, records, authenticator,
                    node.config().calls().routeTimeoutMs());
        }
        gateway = new io.switchboard.api.bus.BusGateway(vertx.eventBus(), authenticator,
                new CallFinder(vertx.eventBus(), records), node.config().calls().routeTimeoutMs(),
                node.config().calls().maxMessageSegments());
        return events.start().compose(v -> gateway.start()).compose(v -> HttpServers.listen(vertx, router, http.host(), http.port(), "http"))
                .onSuccess(s -> server = s)
                .compose(s -> grpc == null ? Future.succeededFuture() : grpc.start(http.host(), node.config().grpc().port()))
                .compose(s -> vertx.eventBus().<Void>consumer(Addresses.HTTP_URL, m -> m.reply(localUrl())).completion());
    }

    /** @return this API's address for carriers on this machine: {@code http://<host>:<port>} (0.0.0.0 as 127.0.0.1) */
    private String localUrl() {
        String host = node.config().http().host();
        return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":" + port();
    }

    // TEMPORARY until auth merges: accepts any presented key as the default tenant with the admin
    // scope (a missing key is still TEL-008). The lead replaces it with the real ApiKeyAuthenticator.
    private static io.switchboard.api.auth.ApiKeyAuthenticator authenticator() {
        return (key, remoteAddress) -> key == null || key.isBlank()
                ? Future.failedFuture(new io.switchboard.contract.error.SwitchboardException(
                        io.switchboard.contract.error.ErrorCode.TEL_008, "missing API key: send authorization: Bearer sk_..."))
                : Future.succeededFuture(new io.switchboard.api.auth.ApiPrincipal("temporary", Tenants.DEFAULT,
                        key.startsWith("sk_live_"), java.util.Set.of(io.switchboard.api.auth.Scopes.ADMIN), "enterprise",
                        java.util.Map.of()));
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
        long drain = node.config().shutdown().drainTimeoutMs();
        return events.stop().compose(v -> gateway == null ? Future.succeededFuture() : gateway.stop())
                .compose(v -> grpc == null ? Future.succeededFuture() : grpc.stop(drain))
                .compose(v -> HttpServers.shutdown(server, drain));
    }
}
