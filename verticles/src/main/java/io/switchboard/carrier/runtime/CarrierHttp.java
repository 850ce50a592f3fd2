package io.switchboard.carrier.runtime;

import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One carrier account's HTTP client: a keep-alive pool of at most {@code maxConnections}
 * connections (the carrier's limit on concurrent requests), a connect timeout and a per-request
 * timeout. It sends what a provider built and returns the response whatever its status; only a
 * request that got no response fails the future.
 */
public final class CarrierHttp {

    private final WebClient client;
    private final long timeoutMs;

    /**
     * @param vertx the Vert.x instance
     * @param timeoutMs the request timeout (connect, and idle while waiting for the response), ms
     * @param maxConnections the most requests in flight at once to this account
     */
    public CarrierHttp(Vertx vertx, long timeoutMs, int maxConnections) {
        this.timeoutMs = timeoutMs;
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs)).setUserAgent("Switchboard")
                        .setFollowRedirects(false).setDecompressionSupported(true),
                new PoolOptions().setHttp1MaxSize(maxConnections));
    }

    /**
     * @return the response (any status); failed with the client's exception when no response
     *     arrived in time or the connection failed
     */
    public Future<CarrierHttpResponse> send(CarrierHttpRequest request) {
        HttpRequest<Buffer> http = client.requestAbs(HttpMethod.valueOf(request.method()), request.url())
                .timeout(timeoutMs);
        request.headers().forEach(http::putHeader);
        Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent = request.body().length == 0
                ? http.send() : http.sendBuffer(Buffer.buffer(request.body()));
        return sent.map(response -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : response.headers().names()) {
                headers.put(name, response.headers().getAll(name));
            }
            Buffer body = response.body();
            return new CarrierHttpResponse(response.statusCode(), headers, body == null ? new byte[0] : body.getBytes());
        });
    }

    /** Closes the pool. */
    public void close() {
        client.close();
    }
}
