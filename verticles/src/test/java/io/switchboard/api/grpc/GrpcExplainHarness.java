package io.switchboard.api.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.switchboard.contract.grpc.ExplainRouteRequest;
import io.switchboard.contract.grpc.RouteServiceGrpc;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Route explanations through the gRPC door and through REST, side by side, against one node in
 * this JVM (sandbox Twilio and Telnyx decks): {@code threads} client threads call
 * {@code RouteService.Explain} (stock grpc-java blocking stub, one HTTP/2 channel) and then
 * {@code GET /v1/routes} (java.net.http, HTTP/1.1 keep-alive) for {@code seconds} each after a
 * warm-up, and print requests per second and latency percentiles. Not a test: a measuring tool
 * whose figures go in the README. Client and server share the machine's cores.
 *
 * <p>Arguments: {@code threads seconds} (default 8 and 15).
 */
public final class GrpcExplainHarness {

    private static final String KEY = io.switchboard.node.TestNodes.ADMIN_KEY;
    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";

    private GrpcExplainHarness() {
    }

    /** Runs the measurement; see the class comment. */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path data = Files.createTempDirectory("grpc-bench");
        JsonObject layer = TestNodes.isolated(data).put("log", new JsonObject().put("level", "warn"))
                .put("sandbox", new JsonObject().put("enabled", "true").put("providers", new JsonArray().add("twilio").add("telnyx")));
        Node node = Node.start(TestNodes.config(layer), "grpc-bench");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", node.grpcPort()).usePlaintext().build();
        try {
            String base = "http://127.0.0.1:" + node.httpPort();
            deck(http, base, "twilio", "44,United Kingdom,0.0050,0,6,6,2026-01-01,,USD\n");
            deck(http, base, "telnyx", "44,United Kingdom,0.0090,0.0100,60,60,2026-01-01,,USD\n");
            while (!get(http, base + "/v1/routes?to=%2B442071838750").contains("telnyx")) {
                Thread.sleep(100);
            }
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + KEY);
            var stub = RouteServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            ExplainRouteRequest request = ExplainRouteRequest.newBuilder().setTo("+442071838750").build();
            Call grpc = () -> {
                if (stub.explain(request).getCandidatesCount() != 2) {
                    throw new IllegalStateException("expected two candidates");
                }
            };
            Call rest = () -> {
                if (!get(http, base + "/v1/routes?to=%2B442071838750").contains("telnyx")) {
                    throw new IllegalStateException("expected telnyx in the plan");
                }
            };
            run("gRPC Explain (warm-up)", grpc, threads, 5);
            run("REST GET /v1/routes (warm-up)", rest, threads, 5);
            run("gRPC RouteService.Explain", grpc, threads, seconds);
            run("REST GET /v1/routes", rest, threads, seconds);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            node.stop();
        }
        System.exit(0); // a harness: end whatever client threads are left
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static void run(String name, Call call, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Future<?>[] workers = new Future<?>[threads];
        long[][] latencies = new long[threads][];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers[t] = pool.submit(() -> {
                long[] mine = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    long began = System.nanoTime();
                    call.run();
                    mine[n++] = System.nanoTime() - began;
                }
                latencies[index] = Arrays.copyOf(mine, n);
                return null;
            });
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-32s threads %d, %d s: %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", name,
                threads, seconds, all.length, all.length / (double) seconds, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
    }

    private static void deck(HttpClient http, String base, String carrier, String rows) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/decks?carrier=" + carrier
                        + "&service=voice")).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(HEADER + rows)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("deck import failed: " + r.body());
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
