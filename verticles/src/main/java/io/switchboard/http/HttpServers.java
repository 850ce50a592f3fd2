package io.switchboard.http;

import io.switchboard.node.Failures;
import io.switchboard.node.StartupException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the node's HTTP servers the same way: bind failures become a one-line
 * {@link StartupException} naming the setting; stopping is graceful (new connections refused,
 * in-flight requests given up to the drain time-out).
 */
public final class HttpServers {

    private HttpServers() {
    }

    /**
     * @param setting the config prefix of this server, {@code http} or {@code management}
     * @return the listening server; fails with a {@link StartupException} such as
     *     {@code http.port: 8080 on 0.0.0.0 is already in use}
     */
    public static Future<HttpServer> listen(Vertx vertx, Router router, String host, int port, String setting) {
        // 100-continue answered at once: curl and other clients wait a second for it before
        // sending a large body (deck uploads) otherwise. No h2c upgrade: these are HTTP/1.1 JSON
        // and scrape endpoints (a Java client's h2c upgrade once left a /metrics scrape unanswered
        // here); gRPC gets its own HTTP/2 server.
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setCompressionSupported(true).setHandle100ContinueAutomatically(true)
                .setHttp2ClearTextEnabled(false);
        return vertx.createHttpServer(options).requestHandler(router).listen()
                .recover(error -> Future.failedFuture(Failures.addressInUse(error)
                        ? new StartupException(setting + ".port: " + port + " on " + host + " is already in use", error)
                        : new StartupException(setting + ".port: cannot listen on " + host + ":" + port + ": "
                                + Failures.describe(error), error)));
    }

    /**
     * Graceful stop: refuses new connections, lets in-flight requests finish for up to
     * {@code drainTimeoutMs}, then closes what is left.
     */
    public static Future<Void> shutdown(HttpServer server, long drainTimeoutMs) {
        return server == null ? Future.succeededFuture() : server.shutdown(drainTimeoutMs, TimeUnit.MILLISECONDS);
    }
}
