package io.switchboard.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.switchboard.storage.DatabaseTarget;
import io.switchboard.storage.EmbeddedDatabase;
import io.vertx.core.Future;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Limits and idempotency on a real two-node cluster in one JVM (one embedded PostgreSQL): node A
 * runs every role with a sandbox Twilio, node B only the http-api. Both have {@code limits.enabled}.
 * Every request acts for the default tenant's bootstrap key (plan enterprise: analytics 20/s, 200/min).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsClusterTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final String LONDON = "+442071838750";
    private static final String CALLER = "+442079460000";

    private Path dir;
    private EmbeddedDatabase database;
    private Node a;
    private Node b;
    private final ConcurrentLinkedQueue<EventEnvelope> events = new ConcurrentLinkedQueue<>();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("limits-cluster");
        database = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        DatabaseTarget db = database.target();
        String url = "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database();
        int clusterPort = TestNodes.freePort();
        JsonObject layer = TestNodes.isolated(dir.resolve("a"))
                .put("database", new JsonObject().put("url", url))
                .put("limits", new JsonObject().put("enabled", true).put("concurrency-sweep-interval-ms", 200))
                .put("sandbox", new JsonObject().put("enabled", "true").put("providers", new JsonArray().add("twilio"))
                        .put("busy-percent", 0).put("no-answer-percent", 0).put("failed-percent", 0)
                        .put("ring-ms", 100).put("duration-min-ms", 500).put("duration-max-ms", 500));
        layer.getJsonObject("cluster").put("name", "limits-" + UUID.randomUUID()).put("port", clusterPort)
                .put("members", new JsonArray().add("127.0.0.1"));
        a = Node.start(TestNodes.config(layer), "limits-a");
        JsonObject layerB = layer.copy();
        layerB.put("node", new JsonObject().put("roles", new JsonArray().add("http-api")));
        layerB.put("cdr", new JsonObject().put("journal-dir", dir.resolve("b-journal").toString()));
        layerB.put("secrets", new JsonObject().put("key-file", dir.resolve("a").resolve("secret.key").toString()));
        b = Node.start(TestNodes.config(layerB), "limits-b");
        a.vertx().eventBus().<EventEnvelope>consumer(Addresses.EVENTS, m -> events.add(m.body())).completion()
                .await(10, TimeUnit.SECONDS);
        HttpResponse<String> deck = send(a, "POST", "/v1/decks?carrier=twilio&service=voice",
                HEADER + "44,United Kingdom,0.0050,0,6,6,2026-01-01,,USD\n", null);
        assertEquals(201, deck.statusCode(), deck.body());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!send(a, "GET", "/v1/routes?to=%2B442071838750&service=voice", null, null).body().contains("twilio")) {
            assertTrue(System.nanoTime() < deadline, "twilio never routed");
            Thread.sleep(100);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (b != null) {
            b.stop();
        }
        if (a != null) {
            a.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theRateHoldsAcrossBothNodes() throws Exception {
        int threadsPerNode = 3;
        long runNanos = TimeUnit.SECONDS.toNanos(6);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger okOnB = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        ConcurrentLinkedQueue<String> odd = new ConcurrentLinkedQueue<>();
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < 2 * threadsPerNode; t++) {
            Node target = t % 2 == 0 ? a : b;
            runs.add(pool.submit(() -> {
                go.await();
                long end = System.nanoTime() + runNanos;
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    first.accumulateAndGet(sent, Math::min);
                    HttpResponse<String> r = send(target, "GET", "/v1/calls?limit=1", null, null);
                    if (r.statusCode() == 200) {
                        last.accumulateAndGet(sent, Math::max);
                        ok.incrementAndGet();
                        if (target == b) {
                            okOnB.incrementAndGet();
                        }
                        if (r.headers().firstValue("X-RateLimit-Limit").isEmpty()) {
                            odd.add("200 without X-RateLimit-Limit");
                        }
                    } else if (r.statusCode() == 429) {
                        limited.incrementAndGet();
                        if (!r.body().contains("TEL-003") || r.headers().firstValue("Retry-After").isEmpty()
                                || !"0".equals(r.headers().firstValue("X-RateLimit-Remaining").orElse(""))) {
                            odd.add("429 " + r.headers().map() + " " + r.body());
                        }
                    } else {
                        odd.add(r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (var run : runs) {
            run.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        double seconds = (last.get() - first.get()) / 1e9;
        double expected = 20 + 20 * seconds;
        System.out.printf("rate limit over two nodes: %d allowed (%d on node B), %d refused in %.2f s; bucket allows %.1f%n",
                ok.get(), okOnB.get(), limited.get(), seconds, expected);
        assertTrue(odd.isEmpty(), () -> "unexpected answers: " + odd.stream().limit(5).toList());
        assertTrue(limited.get() > ok.get(), "the clients pushed well over the limit");
        assertTrue(okOnB.get() > 0 && okOnB.get() < ok.get(), "both nodes answered");
        assertTrue(Math.abs(ok.get() - expected) <= 0.10 * expected,
                "allowed " + ok.get() + " within 10% of " + expected);
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.managementPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("switchboard_api_limited_total{limit=\"rate\"") && metrics.contains("operation=\"analytics\""),
                "429s are counted in /metrics");
    }

    @Test
    void aRepeatedKeyReturnsTheFirstResponseFromEitherNode() throws Exception {
        String key = "order-" + UUID.randomUUID();
        String body = new JsonObject().put("to", LONDON).put("from", CALLER).encode();
        int before = initiated().size();
        HttpResponse<String> first = send(a, "POST", "/v1/calls", body, key);
        assertEquals(201, first.statusCode(), first.body());
        HttpResponse<String> again = send(b, "POST", "/v1/calls", body, key);
        assertEquals(201, again.statusCode());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().firstValue(IdempotencyHandler.REPLAYED).orElse(null));
        assertTrue(first.headers().firstValue(IdempotencyHandler.REPLAYED).isEmpty());
        Thread.sleep(300);
        assertEquals(1, initiated().size() - before, "one call placed");

        HttpResponse<String> other = send(b, "POST", "/v1/calls",
                new JsonObject().put("to", "+442071838751").put("from", CALLER).encode(), key);
        assertEquals(409, other.statusCode());
        assertTrue(other.body().contains("TEL-012") && other.body().contains("Idempotency-Key"), other.body());

        HttpResponse<String> otherTenantStyleKey = send(a, "POST", "/v1/calls", body, "bad key with spaces");
        assertEquals(400, otherTenantStyleKey.statusCode());
        assertTrue(otherTenantStyleKey.body().contains("Idempotency-Key"), otherTenantStyleKey.body());
    }

    @Test
    void concurrentDuplicatesOnTwoNodesRunOnce() throws Exception {
        String key = "burst-" + UUID.randomUUID();
        String body = new JsonObject().put("to", LONDON).put("from", CALLER)
                .put("metadata", new JsonObject().put("burst", key)).encode();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Node target = i % 2 == 0 ? a : b;
            answers.add(pool.submit(() -> {
                go.await();
                return send(target, "POST", "/v1/calls", body, key);
            }));
        }
        go.countDown();
        Set<String> bodies = new HashSet<>();
        int replayed = 0;
        for (var answer : answers) {
            HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
            assertEquals(201, r.statusCode(), r.body());
            bodies.add(r.body());
            if (r.headers().firstValue(IdempotencyHandler.REPLAYED).isPresent()) {
                replayed++;
            }
        }
        pool.shutdown();
        assertEquals(1, bodies.size(), "every duplicate got the first response");
        assertEquals(7, replayed);
        String id = new JsonObject(bodies.iterator().next()).getString("id");
        Thread.sleep(300);
        long placed = initiated().stream().filter(e -> e.data().toString().contains(key)
                || e.data().toString().contains(id)).count();
        assertEquals(1, placed, "one call.initiated for the burst");
    }

    @Test
    void theConcurrentCallLedgerAdmitsNoMoreThanTheLimitFromTwoNodes() throws Exception {
        ConcurrentCalls onA = new ConcurrentCalls(a.vertx(), hazelcast(a), 60_000);
        ConcurrentCalls onB = new ConcurrentCalls(b.vertx(), hazelcast(b), 60_000);
        String tenant = "tenant-" + UUID.randomUUID();
        List<Future<Optional<String>>> tries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tries.add((i % 2 == 0 ? onA : onB).acquire(tenant, 3));
        }
        List<String> slots = new ArrayList<>();
        for (Future<Optional<String>> t : tries) {
            t.await(30, TimeUnit.SECONDS).ifPresent(slots::add);
        }
        assertEquals(3, slots.size(), "12 racing tries on two nodes, a limit of 3");
        assertTrue(onB.acquire(tenant, 3).await(30, TimeUnit.SECONDS).isEmpty(), "the fourth is refused");

        String callId = UUID.randomUUID().toString();
        onA.bind(slots.get(0), tenant, callId).await(10, TimeUnit.SECONDS);
        onA.release(slots.get(1)).await(10, TimeUnit.SECONDS);
        long inUse = onB.inUse(tenant).await(10, TimeUnit.SECONDS);
        assertTrue(inUse == 2 || inUse == 1, "one reservation, and the call unless a node's sweep freed it already: " + inUse);
        onB.sweep().await(10, TimeUnit.SECONDS);
        assertEquals(1L, onB.inUse(tenant).await(10, TimeUnit.SECONDS),
                "the call is not live, so a sweep (this one or a node's own) freed it");
        Optional<String> freed = onB.acquire(tenant, 3).await(30, TimeUnit.SECONDS);
        assertTrue(freed.isPresent());
    }

    /**
     * The handler over the ledger, with a tenant allowed one live call: in front of an endpoint that
     * answers 201 with the id of a real call (ringing on the sandbox until hung up), or 502.
     */
    @Test
    void theConcurrentCallHandlerHoldsASlotUntilTheCallEnds() throws Exception {
        assertEquals(200, send(a, "PATCH", "/v1/sandbox/carriers/twilio", "{\"ring_ms\": 20000}", null).statusCode());
        io.vertx.core.http.HttpServer server = null;
        try {
            HttpResponse<String> real = send(a, "POST", "/v1/calls",
                    new JsonObject().put("to", LONDON).put("from", CALLER).encode(), null);
            assertEquals(201, real.statusCode(), real.body());
            String callId = new JsonObject(real.body()).getString("id");
            String tenant = "tenant-" + UUID.randomUUID();
            var metrics = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(a.vertx());
            router.route().handler(ctx -> {
                ctx.put(io.switchboard.api.auth.ApiPrincipal.CONTEXT_KEY, new io.switchboard.api.auth.ApiPrincipal(
                        "key-x", tenant, true, Set.of("admin"), "starter", java.util.Map.of("voice_concurrent", 1)));
                ctx.next();
            });
            router.post("/v1/calls").handler(new ConcurrentCallHandler(new CallSlots(new LimitPolicy(),
                    new ConcurrentCalls(a.vertx(), hazelcast(a), 60_000), metrics)));
            router.post("/v1/calls").handler(ctx -> {
                if ("true".equals(ctx.request().getParam("fail"))) {
                    io.switchboard.http.ErrorResponses.send(ctx, io.switchboard.contract.error.ErrorCode.TEL_006, 502,
                            "every carrier failed", java.util.Map.of());
                } else {
                    io.switchboard.http.ResponseCapture.end(ctx, 201, "application/json",
                            new JsonObject().put("id", callId).encode());
                }
            });
            server = a.vertx().createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .await(10, TimeUnit.SECONDS);
            int port = server.actualPort();

            assertEquals(502, post(port, "/v1/calls?fail=true").statusCode());
            assertEquals(502, post(port, "/v1/calls?fail=true").statusCode(), "a failed create frees its slot at once");
            assertEquals(201, post(port, "/v1/calls").statusCode());
            HttpResponse<String> refused = post(port, "/v1/calls");
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("TEL-003") && refused.body().contains("voice_concurrent"), refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            Thread.sleep(600);
            assertEquals(429, post(port, "/v1/calls").statusCode(), "sweeps keep the slot of a live call");
            assertEquals(2.0, metrics.counter("switchboard.api.limited", "operation", "voice", "limit", "concurrent").count());

            assertEquals(200, send(a, "POST", "/v1/calls/" + callId + "/hangup", null, null).statusCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int status;
            do {
                Thread.sleep(100);
                status = post(port, "/v1/calls?fail=true").statusCode();
            } while (status == 429 && System.nanoTime() < deadline);
            assertEquals(502, status, "the slot is free once the call ended");
        } finally {
            send(a, "PATCH", "/v1/sandbox/carriers/twilio", "{\"ring_ms\": 100}", null);
            if (server != null) {
                server.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> post(int port, String path) throws Exception {
        return HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void limiterOverheadPerRequest() throws Exception {
        ClusterRateLimiter limiter = new ClusterRateLimiter(hazelcast(b).getMap(ClusterRateLimiter.MAP));
        RateLimit generous = new RateLimit(1_000_000, 0, 0);
        int n = 1_000;
        long[] nanos = new long[n];
        io.vertx.core.Context context = b.vertx().getOrCreateContext();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < n; i++) {
                String subject = "bench-" + (i % 64);
                long t0 = System.nanoTime();
                RateDecision d = limiter.acquire(subject, Operation.VOICE, generous, context).await(10, TimeUnit.SECONDS);
                nanos[i] = System.nanoTime() - t0;
                assertNotNull(d);
                assertTrue(d.allowed());
            }
        }
        java.util.Arrays.sort(nanos);
        long[] plain = new long[n];
        com.hazelcast.map.IMap<String, String> baseline = hazelcast(b).getMap("switchboard.bench.baseline");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                Future.fromCompletionStage(baseline.getAsync("k" + (i % 64)), context).await(10, TimeUnit.SECONDS);
                plain[i] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(plain);
        System.out.printf("rate limiter round trip from node B (64 buckets over 2 members, sequential): "
                        + "p50 %.0f us, p90 %.0f us, p99 %.0f us; a plain IMap.getAsync the same way: p50 %.0f us, "
                        + "p99 %.0f us%n", nanos[n / 2] / 1e3, nanos[n * 9 / 10] / 1e3, nanos[n * 99 / 100] / 1e3,
                plain[n / 2] / 1e3, plain[n * 99 / 100] / 1e3);

        int total = 5_000;
        int inFlight = 64;
        java.util.concurrent.CompletableFuture<Void> all = new java.util.concurrent.CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        context.runOnContext(v -> {
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                int i = started.getAndIncrement();
                if (i >= total) {
                    return;
                }
                limiter.acquire("bench-" + (i % 64), Operation.VOICE, generous, context).onComplete(r -> {
                    if (r.failed() || !r.result().allowed()) {
                        all.completeExceptionally(new AssertionError("acquire " + i + " failed: " + r));
                    }
                    if (done.incrementAndGet() == total) {
                        all.complete(null);
                    }
                    next[0].run();
                });
            };
            for (int k = 0; k < inFlight; k++) {
                next[0].run();
            }
        });
        all.get(120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("rate limiter throughput from one event loop of node B, %d in flight: %.0f acquires/s%n",
                inFlight, total / seconds);
    }

    @Test
    void theEventBusDoorCountsAgainstTheSameBucketsAsRest() throws Exception {
        HttpResponse<String> tenant = send(a, "POST", "/v1/tenants", new JsonObject().put("name", "doors-" + UUID.randomUUID())
                .put("plan", "enterprise").put("limits", new JsonObject().put("voice_per_second", 1).put("voice_per_minute", 1))
                .encode(), null);
        assertEquals(201, tenant.statusCode(), tenant.body());
        HttpResponse<String> created = send(a, "POST", "/v1/keys", new JsonObject()
                .put("tenant_id", new JsonObject(tenant.body()).getString("id"))
                .put("scopes", new JsonArray().add("calls:write")).encode(), null);
        assertEquals(201, created.statusCode(), created.body());
        String key = new JsonObject(created.body()).getString("key");
        HttpResponse<String> first = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.httpPort() + "/v1/calls"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+442071838750\",\"from\":\"+442079460000\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, first.statusCode(), first.body());
        var client = new io.switchboard.client.SwitchboardClient(a.vertx().eventBus(), key);
        var request = new io.switchboard.contract.call.CallRequest("", "bus-test",
                io.switchboard.contract.model.E164.parse("to", "+442071838750"),
                io.switchboard.contract.model.E164.parse("from", "+442079460000"), null, null, false, null, null);
        Throwable refused = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class,
                () -> client.createCall(request).toCompletionStage().toCompletableFuture().join()).getCause();
        assertTrue(refused instanceof io.switchboard.contract.error.SwitchboardException e
                && e.code() == io.switchboard.contract.error.ErrorCode.TEL_003, String.valueOf(refused));
    }

    @Test
    void theEventBusDoorHoldsTheConcurrentCallLimit() throws Exception {
        HttpResponse<String> tenant = send(a, "POST", "/v1/tenants", new JsonObject().put("name", "slots-" + UUID.randomUUID())
                .put("plan", "enterprise").put("limits", new JsonObject().put("voice_concurrent", 1)).encode(), null);
        assertEquals(201, tenant.statusCode(), tenant.body());
        HttpResponse<String> created = send(a, "POST", "/v1/keys", new JsonObject()
                .put("tenant_id", new JsonObject(tenant.body()).getString("id"))
                .put("scopes", new JsonArray().add("calls:write")).encode(), null);
        assertEquals(201, created.statusCode(), created.body());
        var client = new io.switchboard.client.SwitchboardClient(b.vertx().eventBus(), new JsonObject(created.body())
                .getString("key"));
        var request = new io.switchboard.contract.call.CallRequest("", "bus-slots",
                io.switchboard.contract.model.E164.parse("to", "+442071838750"),
                io.switchboard.contract.model.E164.parse("from", "+442079460000"), null, null, false, null, null);
        assertEquals(200, send(a, "PATCH", "/v1/sandbox/carriers/twilio", "{\"ring_ms\": 20000}", null).statusCode());
        try {
            var first = client.createCall(request).await(30, TimeUnit.SECONDS);
            Throwable refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> client.createCall(request).await(30, TimeUnit.SECONDS));
            assertTrue(refused instanceof io.switchboard.contract.error.SwitchboardException e
                    && e.code() == io.switchboard.contract.error.ErrorCode.TEL_003
                    && "voice_concurrent".equals(e.details().get("limit")), String.valueOf(refused));

            client.hangup(first.id()).await(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            io.switchboard.contract.call.CallRecord second = null;
            while (second == null) {
                try {
                    second = client.createCall(request).await(30, TimeUnit.SECONDS);
                } catch (io.switchboard.contract.error.SwitchboardException e) {
                    assertEquals(io.switchboard.contract.error.ErrorCode.TEL_003, e.code(), e.toString());
                    assertTrue(System.nanoTime() < deadline, "the slot is never freed after the hang-up");
                    Thread.sleep(100);
                }
            }
            client.hangup(second.id()).await(30, TimeUnit.SECONDS);
        } finally {
            send(a, "PATCH", "/v1/sandbox/carriers/twilio", "{\"ring_ms\": 100}", null);
        }
    }

    private List<EventEnvelope> initiated() {
        return events.stream().filter(e -> EventTypes.CALL_INITIATED.equals(e.type())).toList();
    }

    private static HazelcastInstance hazelcast(Node node) {
        return ((HazelcastClusterManager) ((VertxInternal) node.vertx()).clusterManager()).getHazelcastInstance();
    }

    private static HttpResponse<String> send(Node node, String method, String path, String body, String key)
            throws Exception {
        HttpRequest.Builder request = io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Content-Type", path.startsWith("/v1/decks") ? "text/csv" : "application/json")
                .timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
