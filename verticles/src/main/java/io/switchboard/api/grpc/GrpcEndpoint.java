package io.switchboard.api.grpc;

import io.switchboard.api.auth.ApiKeyAuthenticator;
import io.switchboard.cdr.CdrQueries;
import io.switchboard.node.StartupException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC door of the http-api role: an HTTP/2 server (cleartext h2c, prior knowledge, as gRPC
 * clients speak it; gRPC-Web too) on {@code http.host:grpc.port} serving {@link GrpcApi}, with
 * its {@link GrpcEventStreams}. Started and stopped by the http-api verticle, on its context.
 */
public final class GrpcEndpoint {

    private final Vertx vertx;
    private final GrpcEventStreams streams;
    private final GrpcApi api;
    private HttpServer server;

    /**
     * @param vertx the http-api verticle's Vert.x
     * @param records stored calls (for {@code CallService.Get} of finished calls)
     * @param authenticator verifies the API keys presented in the {@code authorization} metadata
     * @param routeTimeoutMs {@code calls.route-timeout-ms}
     * @param limits the rate limits per key (Create counts as {@code voice}) and the concurrent-call limit
     */
    public GrpcEndpoint(Vertx vertx, CdrQueries records, ApiKeyAuthenticator authenticator, long routeTimeoutMs,
            io.switchboard.api.limits.DoorLimits limits) {
        this.vertx = vertx;
        this.streams = new GrpcEventStreams(vertx);
        this.api = new GrpcApi(vertx.eventBus(), records, authenticator, streams, routeTimeoutMs, limits);
    }

    /**
     * @param host bind address ({@code http.host})
     * @param port {@code grpc.port}; 0 picks a free one ({@link #port()} tells which)
     * @return completes when listening; fails with a {@link StartupException} naming {@code grpc.port}
     */
    public Future<Void> start(String host, int port) {
        GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions());
        api.bind(grpc);
        return streams.start()
                .compose(v -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                        .setHttp2ClearTextEnabled(true)).requestHandler(grpc).listen())
                .recover(error -> Future.failedFuture(new StartupException("grpc.port: cannot listen on " + host + ":"
                        + port + ": " + error.getMessage(), error)))
                .map(s -> {
                    server = s;
                    return null;
                });
    }

    /** @return the bound port, or -1 before {@link #start} */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /**
     * Ends the event streams (UNAVAILABLE) and shuts the server down, letting unary calls in flight
     * finish for up to {@code drainTimeoutMs}.
     */
    public Future<Void> stop(long drainTimeoutMs) {
        return streams.stop().compose(v -> server == null ? Future.succeededFuture()
                : server.shutdown(drainTimeoutMs, TimeUnit.MILLISECONDS));
    }
}
