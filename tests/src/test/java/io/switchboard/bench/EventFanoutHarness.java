package io.switchboard.bench;

import io.switchboard.api.events.EventBuffer;
import io.switchboard.api.events.EventStreamApi;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.http.ErrorResponses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.Router;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Event fan-out (issue: "1,000 concurrent WebSocket clients receiving their tenant's events;
 * delivery lag p99").
 *
 * <p>One Vert.x instance runs the http-api's part: {@link EventStreamApi} in one verticle (one
 * event loop, as one http-api instance) behind an HTTP server on 127.0.0.1. A second Vert.x
 * instance in the same JVM holds the clients: {@code clients} WebSocket connections spread over
 * {@code tenants} tenants. A periodic timer publishes, every 50 ms, one event per tenant on
 * {@link Addresses#EVENTS} ({@code rate} events per second per tenant), each carrying
 * {@code System.nanoTime()} at publication in {@code data.sent_nanos}; a client's lag is its
 * receive time minus that (same JVM, same clock). The first {@code warmup} seconds are not
 * measured. Prints p50/p99/p99.9/max lag (10 µs buckets), events delivered vs expected, lagged
 * disconnects and the process CPU.
 *
 * <p>Everything shares the machine's cores: server, 1,000 client sockets and their JSON all run in
 * this one process, so the lag includes the clients' own work.
 *
 * <pre>mvn -B -pl tests -Pbench test-compile exec:exec -Dbench.main=io.switchboard.bench.EventFanoutHarness -Dbench.args="clients=1000 tenants=10 rate=20 seconds=30 warmup=5"</pre>
 */
public final class EventFanoutHarness {

    private static final long BUCKET_NANOS = 10_000;            // 10 µs
    private static final int BUCKETS = 1_000_000;               // up to 10 s

    private EventFanoutHarness() {
    }

    /** The server side: the router with {@code GET /v1/events}, the API's consumer, the server. */
    private static final class ApiVerticle extends VerticleBase {
        EventStreamApi api;
        int port;

        @Override
        public Future<?> start() {
            api = new EventStreamApi(vertx, new EventBuffer(), ctx -> {
                String auth = ctx.request().getHeader("Authorization");
                return auth != null && auth.startsWith("Bearer key-")
                        ? Future.succeededFuture(auth.substring("Bearer key-".length()))
                        : Future.failedFuture("no key");
            }, 1024 * 1024);
            Router router = Router.router(vertx);
            api.mount(router);
            ErrorResponses.install(router);
            return api.start().compose(v -> vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
                    .setPort(0)).requestHandler(router).listen()).onSuccess(s -> port = s.actualPort());
        }
    }

    /**
     * @param args {@code key=value}: clients (1000), tenants (10), rate (events/s per tenant, 20),
     *     seconds (measured, 30), warmup (s, 5), clientLoops (event loops of the client Vert.x, 2)
     */
    public static void main(String[] args) throws Exception {
        Map<String, Integer> opts = new LinkedHashMap<>(Map.of("clients", 1000, "tenants", 10, "rate", 20,
                "seconds", 30, "warmup", 5, "clientLoops", 2));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !opts.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + opts.keySet());
            }
            opts.put(kv[0], Integer.parseInt(kv[1]));
        }
        int clients = opts.get("clients");
        int tenants = opts.get("tenants");
        int rate = opts.get("rate");
        int seconds = opts.get("seconds");
        int warmup = opts.get("warmup");
        System.out.println("event fan-out: " + opts + ", " + Runtime.getRuntime().availableProcessors() + " cores");

        Vertx server = Vertx.vertx();
        Codecs.registerAll(server.eventBus());
        ApiVerticle verticle = new ApiVerticle();
        await(server.deployVerticle(verticle));

        Vertx clientVertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(opts.get("clientLoops")));
        WebSocketClient client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(clients + 10).setConnectTimeout(30_000));

        AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        AtomicLong maxLag = new AtomicLong();
        LongAdder measured = new LongAdder();
        LongAdder received = new LongAdder();
        AtomicInteger closedEarly = new AtomicInteger();
        long connectStart = System.nanoTime();
        List<Future<?>> connecting = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            var socket = client.webSocket();
            socket.textMessageHandler(text -> {
                int at = text.indexOf("\"sent_nanos\":");
                if (at < 0) {
                    return;   // stream.opened
                }
                long now = System.nanoTime();
                int start = at + "\"sent_nanos\":".length();
                int end = start;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '-')) {
                    end++;
                }
                long sent = Long.parseLong(text, start, end, 10);
                received.increment();
                if (text.contains("\"warmup\":false")) {
                    long lag = now - sent;
                    histogram.incrementAndGet((int) Math.min(BUCKETS - 1, lag / BUCKET_NANOS));
                    maxLag.accumulateAndGet(lag, Math::max);
                    measured.increment();
                }
            });
            socket.closeHandler(v -> closedEarly.incrementAndGet());
            connecting.add(socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(verticle.port)
                    .setURI(EventStreamApi.PATH).addHeader("Authorization", "Bearer key-tenant-" + (c % tenants))));
            if (connecting.size() == 100) {   // in waves, not 1,000 SYNs at once
                await(Future.all(connecting));
                connecting.clear();
            }
        }
        await(Future.all(connecting));
        System.out.printf("%d clients connected in %d ms%n", clients,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStart));
        Thread.sleep(500);   // let every stream.opened arrive and every socket register

        // Publisher: every 50 ms, `rate / 20` events per tenant.
        int perTick = Math.max(1, rate / 20);
        long ticks = (long) (warmup + seconds) * 20;
        AtomicLong publishedMeasured = new AtomicLong();
        AtomicLong published = new AtomicLong();
        AtomicLong tick = new AtomicLong();
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] cpuAtMeasure = new long[2];
        var done = io.vertx.core.Promise.<Void>promise();
        server.setPeriodic(50, id -> {
            long t = tick.getAndIncrement();
            if (t >= ticks) {
                server.cancelTimer(id);
                done.tryComplete();
                return;
            }
            boolean warm = t < (long) warmup * 20;
            if (t == (long) warmup * 20) {
                cpuAtMeasure[0] = System.nanoTime();
                cpuAtMeasure[1] = cpu.getProcessCpuTime();
            }
            for (int n = 0; n < perTick; n++) {
                for (int tenant = 0; tenant < tenants; tenant++) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("call_id", UUID.randomUUID().toString());
                    data.put("from", "+14155550100");
                    data.put("to", "+442071838750");
                    data.put("carrier", "wholesale-a");
                    data.put("sip_code", 180);
                    data.put("warmup", warm);
                    data.put("sent_nanos", System.nanoTime());
                    server.eventBus().publish(Addresses.EVENTS,
                            EventEnvelope.of(EventTypes.CALL_RINGING, Instant.now(), "tenant-" + tenant, data));
                    published.incrementAndGet();
                    if (!warm) {
                        publishedMeasured.incrementAndGet();
                    }
                }
            }
        });
        await(done.future());
        long cpuNanos = cpu.getProcessCpuTime() - cpuAtMeasure[1];
        long wallNanos = System.nanoTime() - cpuAtMeasure[0];

        int perTenantClients = clients / tenants;   // tenants with an extra client when clients % tenants != 0
        long expected = 0;
        for (int tenant = 0; tenant < tenants; tenant++) {
            long clientsOfTenant = perTenantClients + (tenant < clients % tenants ? 1 : 0);
            expected += clientsOfTenant * (publishedMeasured.get() / tenants);
        }
        long expectedAll = expected * published.get() / Math.max(1, publishedMeasured.get());
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (measured.sum() < expected && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }

        long count = measured.sum();
        System.out.printf("published %d events (%d measured, %d/s per tenant, %d tenants); frames handed to sockets %d%n",
                published.get(), publishedMeasured.get(), rate, tenants, verticle.api.delivered());
        System.out.printf("delivered (measured) %d of %d expected (%.3f%%); all received %d of %d%n", count, expected,
                100.0 * count / Math.max(1, expected), received.sum(), expectedAll);
        System.out.printf("delivery lag: p50 %s, p90 %s, p99 %s, p99.9 %s, max %.2f ms%n",
                ms(percentile(histogram, count, 0.50)), ms(percentile(histogram, count, 0.90)),
                ms(percentile(histogram, count, 0.99)), ms(percentile(histogram, count, 0.999)), maxLag.get() / 1e6);
        System.out.printf("lagged disconnects %d, sockets closed before the end %d; process CPU %.0f%% of one core "
                + "(server + clients) over the measured %.1f s%n", verticle.api.laggedDisconnects(), closedEarly.get(),
                100.0 * cpuNanos / wallNanos, wallNanos / 1e9);

        await(client.close());
        await(clientVertx.close());
        await(server.close());
        System.exit(0);
    }

    private static String ms(long bucketUpperNanos) {
        return String.format("%.2f ms", bucketUpperNanos / 1e6);
    }

    /** @return the upper bound (ns) of the bucket holding the {@code q} quantile */
    private static long percentile(AtomicLongArray histogram, long total, double q) {
        long rank = (long) Math.ceil(total * q);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += histogram.get(b);
            if (seen >= rank) {
                return (b + 1) * BUCKET_NANOS;
            }
        }
        return BUCKETS * BUCKET_NANOS;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
