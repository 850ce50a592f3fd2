package io.switchboard.node;

import io.switchboard.http.ErrorResponses;
import io.switchboard.http.HttpServers;
import io.switchboard.http.ObservabilityRoutes;
import io.switchboard.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The management server every node runs whatever its roles: {@code /health/live},
 * {@code /health/ready} and {@code /metrics} on {@code management.host:management.port}.
 */
public final class ManagementVerticle extends VerticleBase {

    private final NodeContext node;
    private HttpServer server;

    /** @param node the node's shared services */
    public ManagementVerticle(NodeContext node) {
        this.node = node;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::handle);
        ObservabilityRoutes.mount(router, node.liveness(), node.readiness(), node.registry());
        ErrorResponses.install(router);
        var management = node.config().management();
        return HttpServers.listen(vertx, router, management.host(), management.port(), "management")
                .onSuccess(s -> server = s);
    }

    /** @return the bound port (useful when {@code management.port} is 0) */
    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return HttpServers.shutdown(server, node.config().shutdown().drainTimeoutMs());
    }
}
