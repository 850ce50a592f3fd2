package io.switchboard.bench;

import io.switchboard.api.contract.ApiContract;
import io.switchboard.api.contract.RequestValidation;
import io.switchboard.http.ErrorResponses;
import io.switchboard.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What validating requests against the OpenAPI document costs: two HTTP servers in one JVM with
 * the same trivial handlers ({@code POST /v1/calls} reads the JSON body and answers 201,
 * {@code GET /v1/calls} answers 200), one behind {@link RequestValidation} and one with only the
 * body handler; a Vert.x client keeps {@code concurrency} requests in flight for {@code seconds}
 * (after {@code warmup} seconds) against each, and prints requests per second and latency
 * percentiles (client side, loopback, one event loop per server). First it times the validation
 * alone, without HTTP ({@link #direct}).
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -pl tests -Pbench test-compile exec:exec
 * -Dbench.main=io.switchboard.bench.ApiValidationHarness -Dbench.args="seconds=10 warmup=5 concurrency=32"}.
 */
public final class ApiValidationHarness {

    private static final String CALL = new JsonObject().put("to", "+442071838750").put("from", "+442079460000")
            .put("timeout", 30).put("status_callback", "https://example.com/hooks")
            .put("metadata", new JsonObject().put("order", 42)).encode();

    private ApiValidationHarness() {
    }

    /** @param args {@code seconds=N warmup=N concurrency=N} */
    public static void main(String[] args) throws Exception {
        int seconds = arg(args, "seconds", 10);
        int warmup = arg(args, "warmup", 5);
        int concurrency = arg(args, "concurrency", 32);
        Vertx vertx = Vertx.vertx();
        try {
            ApiContract contract = await(ApiContract.load(vertx));
            direct(vertx, contract);
            int plain = await(server(vertx, null)).actualPort();
            int validated = await(server(vertx, contract)).actualPort();
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(concurrency));
            for (String scenario : new String[] {"POST /v1/calls", "GET /v1/calls?limit=50&state=failed&to=%2B442071838750"}) {
                for (int round = 0; round < 2; round++) {
                    for (int port : new int[] {plain, validated}) {
                        String label = (port == plain ? "without validation" : "with validation   ") + "  " + scenario;
                        run(client, port, scenario, warmup, concurrency, null);
                        run(client, port, scenario, seconds, concurrency, label);
                    }
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The validation alone, one thread, no HTTP: vertx-openapi's {@code validateBody} of a
     * {@code POST /v1/calls} body and {@code validateParameter} of {@code GET /v1/calls}'s five
     * query parameters (three given), as {@link RequestValidation} calls them; microseconds per
     * request after 20,000 warm-up calls.
     */
    private static void direct(Vertx vertx, ApiContract contract) {
        var validator = (io.vertx.openapi.validation.impl.RequestValidatorImpl)
                io.vertx.openapi.validation.RequestValidator.create(vertx, contract.contract());
        var create = contract.contract().operation("createCall");
        var list = contract.contract().operation("listCalls");
        Buffer body = Buffer.buffer(CALL);
        io.vertx.openapi.validation.ValidatableRequest request = new io.vertx.openapi.validation.ValidatableRequest() {
            @Override
            public String getContentType() {
                return "application/json";
            }

            @Override
            public java.util.Map<String, io.vertx.openapi.validation.RequestParameter> getCookies() {
                return java.util.Map.of();
            }

            @Override
            public java.util.Map<String, io.vertx.openapi.validation.RequestParameter> getHeaders() {
                return java.util.Map.of();
            }

            @Override
            public java.util.Map<String, io.vertx.openapi.validation.RequestParameter> getPathParameters() {
                return java.util.Map.of();
            }

            @Override
            public java.util.Map<String, io.vertx.openapi.validation.RequestParameter> getQuery() {
                return java.util.Map.of();
            }

            @Override
            public io.vertx.openapi.validation.RequestParameter getBody() {
                return () -> body;
            }
        };
        java.util.Map<String, io.vertx.openapi.validation.RequestParameter> query = java.util.Map.of(
                "limit", () -> "50", "state", () -> "\"failed\"", "to", () -> "\"+442071838750\"");
        int n = 20_000;
        for (int round = 0; round < 4; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                validator.validateBody(create.getRequestBody(), request);
            }
            double bodyUs = (System.nanoTime() - start) / 1e3 / n;
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                for (var parameter : list.getParameters()) {
                    validator.validateParameter(parameter, query.get(parameter.getName()));
                }
            }
            double paramsUs = (System.nanoTime() - start) / 1e3 / n;
            if (round > 0) {
                System.out.printf("validation alone, round %d: POST /v1/calls body %.1f us, GET /v1/calls parameters %.1f us%n",
                        round, bodyUs, paramsUs);
            }
        }
    }

    private static Future<HttpServer> server(Vertx vertx, ApiContract contract) {
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::handle);
        if (contract != null) {
            new RequestValidation(vertx, contract, 65_536).install(router);
        }
        router.route().handler(BodyHandler.create(false).setBodyLimit(65_536));
        router.post("/v1/calls").handler(ctx -> {
            JsonObject body = ctx.body().asJsonObject();
            ctx.response().setStatusCode(body.containsKey("to") ? 201 : 400)
                    .putHeader("Content-Type", "application/json").end("{\"state\":\"initiated\"}");
        });
        router.get("/v1/calls").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end("{\"data\":[],\"has_more\":false}"));
        ErrorResponses.install(router);
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
    }

    private static void run(HttpClient client, int port, String scenario, int seconds, int concurrency, String label)
            throws Exception {
        String[] parts = scenario.split(" ", 2);
        HttpMethod method = HttpMethod.valueOf(parts[0]);
        Buffer body = method == HttpMethod.POST ? Buffer.buffer(CALL) : null;
        long[] latencies = new long[4_000_000];
        int[] count = {0};
        int[] failures = {0};
        AtomicBoolean running = new AtomicBoolean(true);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            loop(client, new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(parts[1])
                    .setIdleTimeout(10_000).putHeader("Content-Type", "application/json"), body, running, latencies, count, failures, done);
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!done.await(30, TimeUnit.SECONDS)) {
            System.out.printf("%s: %d requests still unanswered 30 s after the end%n", label, done.getCount());
        }
        if (label == null) {
            return;
        }
        int n;
        long[] sorted;
        synchronized (latencies) {
            n = Math.min(count[0], latencies.length);
            sorted = Arrays.copyOf(latencies, n);
        }
        Arrays.sort(sorted);
        System.out.printf("%s: %,8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d requests, %d not 2xx)%n",
                label, n / elapsed, at(sorted, 0.50), at(sorted, 0.99), sorted.length == 0 ? 0 : sorted[n - 1] / 1e6, n,
                failures[0]);
    }

    private static void loop(HttpClient client, RequestOptions options, Buffer body, AtomicBoolean running,
            long[] latencies, int[] count, int[] failures, java.util.concurrent.CountDownLatch done) {
        if (!running.get()) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        client.request(options).compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(b -> response.statusCode()))
                .onComplete(result -> {
                    long took = System.nanoTime() - sent;
                    synchronized (latencies) {
                        if (result.failed() || result.result() / 100 != 2) {
                            failures[0]++;
                        }
                        if (count[0] < latencies.length) {
                            latencies[count[0]] = took;
                        }
                        count[0]++;
                    }
                    loop(client, options, body, running, latencies, count, failures, done);
                });
    }

    private static double at(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private static int arg(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 1));
            }
        }
        return fallback;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
