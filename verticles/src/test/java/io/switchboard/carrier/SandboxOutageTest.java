package io.switchboard.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.bus.BreakerReport;
import io.switchboard.contract.bus.ProbeResult;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.bus.RouteResult;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.BreakerState;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox carrier in full outage, rehearsed through the admin endpoint: calls keep succeeding
 * through the next candidate, the carrier's circuit breaker opens, then after the outage it
 * half-opens and a successful trial request closes it; the health-monitor's probes bring it back
 * into routing without any traffic. Bad admin input is refused with the field
 * named.
 */
class SandboxOutageTest {

    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        return HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void callsFailOverDuringAnOutageAndTheBreakerOpensHalfOpensAndCloses() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir)
                .put("router", new JsonObject().put("attempt-timeout-ms", 3000))
                .put("health", new JsonObject().put("publish-interval-ms", 200).put("probe-interval-ms", 300))
                .put("carrier-defaults", new JsonObject().put("breaker-max-failures", 3)
                        .put("breaker-reset-timeout-ms", 1000).put("timeout-ms", 1000))
                .put("sandbox", new JsonObject().put("enabled", "true").put("providers", new JsonArray().add("twilio")
                        .add("telnyx")).put("ring-ms", 100).put("duration-min-ms", 100).put("duration-max-ms", 100));
        Node node = Node.start(TestNodes.config(layer), "outage-test");
        int port = node.httpPort();
        try {
            assertEquals(201, send(port, "POST", "/v1/decks?carrier=twilio&service=voice",
                    HEADER + "44,United Kingdom,0.0050,0,60,60,2026-01-01,,USD\n").statusCode());
            assertEquals(201, send(port, "POST", "/v1/decks?carrier=telnyx&service=voice",
                    HEADER + "44,United Kingdom,0.0090,0,60,60,2026-01-01,,USD\n").statusCode());
            var bus = node.vertx().eventBus();
            List<BreakerReport> breaker = new CopyOnWriteArrayList<>();
            bus.<BreakerReport>consumer(Addresses.CARRIER_BREAKER, m -> breaker.add(m.body())).completion()
                    .await(10, TimeUnit.SECONDS);
            E164 london = E164.parse("to", "+442071838750");
            RouteResult first = route(node, london, 0);
            for (int i = 0; i < 50 && first.plan().candidates().size() < 2; i++) {
                Thread.sleep(100); // the routers load the published decks
                first = route(node, london, 0);
            }
            assertEquals("twilio", first.carrier(), "the cheaper carrier carries traffic before the outage: " + first);

            HttpResponse<String> bad = send(port, "PATCH", "/v1/sandbox/carriers/twilio", "{\"outage\": \"yes\"}");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("outage"), bad.body());
            assertEquals(404, send(port, "PATCH", "/v1/sandbox/carriers/nobody", "{\"outage\": true}").statusCode());
            HttpResponse<String> on = send(port, "PATCH", "/v1/sandbox/carriers/twilio", "{\"outage\": true}");
            assertEquals(200, on.statusCode(), on.body());
            assertTrue(new JsonObject(on.body()).getJsonObject("behaviour").getBoolean("outage"));
            awaitOutage(port, true);
            long outageAt = System.nanoTime();

            int failed = 0;
            long stoppedOfferingMs = -1;
            for (int i = 1; i <= 20; i++) {
                RouteResult result = route(node, london, i);
                if (result.carrier() == null) {
                    failed++;
                } else {
                    assertEquals("telnyx", result.carrier());
                }
                if (stoppedOfferingMs < 0 && !result.attempts().get(0).carrier().equals("twilio")) {
                    stoppedOfferingMs = (System.nanoTime() - outageAt) / 1_000_000;
                }
                Thread.sleep(20);
            }
            System.out.println("sandbox outage: router stopped offering the carrier " + stoppedOfferingMs
                    + " ms after the outage began; " + failed + " of 20 calls failed");
            assertEquals(0, failed, "no call fails while another carrier covers the destination");
            assertTrue(breaker.stream().anyMatch(r -> r.carrier().equals("twilio") && r.state() == BreakerState.OPEN),
                    "twilio's breaker opened: " + breaker);
            ProbeResult down = bus.<ProbeResult>request(Addresses.carrierProbe("twilio"), null)
                    .await(10, TimeUnit.SECONDS).body();
            assertEquals(false, down.alive(), "a probe sees the outage: " + down);

            assertEquals(200, send(port, "PATCH", "/v1/sandbox/carriers/twilio", "{\"outage\": false}").statusCode());
            awaitOutage(port, false);
            long recovered = System.nanoTime();
            RouteResult back = route(node, london, 100);
            for (int i = 101; i < 200 && !"twilio".equals(back.carrier()); i++) {
                Thread.sleep(100);
                back = route(node, london, i);
            }
            assertEquals("twilio", back.carrier(), "probes bring the carrier back without traffic: " + back.plan());
            long returnMs = (System.nanoTime() - recovered) / 1_000_000;
            for (int i = 0; i < 50 && breaker.get(breaker.size() - 1).state() != BreakerState.CLOSED; i++) {
                Thread.sleep(100);
            }
            List<BreakerState> twilio = breaker.stream().filter(r -> r.carrier().equals("twilio"))
                    .map(BreakerReport::state).distinct().toList();
            assertEquals(List.of(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED), twilio,
                    "open during the outage, half-open after its reset timeout, closed by a successful trial");
            System.out.println("sandbox outage: carrier back in routing " + returnMs + " ms after the outage ended");
            AttemptReply after = bus.<AttemptReply>request(Addresses.carrier("twilio"), new AttemptRequest("r-after",
                    "c-after", 1, Service.VOICE, london, E164.parse("from", "+14155550199"), null, "twilio", "44", 1,
                    3000, null)).await(10, TimeUnit.SECONDS).body();
            assertEquals(AttemptOutcome.SUCCESS, after.outcome(), after.toString());
            assertNotNull(after.carrierCallId());

            String metrics = send(port, "GET", "/metrics", null).body();
            for (String series : List.of("switchboard_routes_total{", "vertx_http_server_response_time_seconds_bucket{",
                    "switchboard_service_usable_carriers{", "switchboard_carrier_health_score{")) {
                assertTrue(metrics.contains(series), "the alert rules' series " + series + " is exported");
            }
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_service_usable_carriers{")
                    && l.contains("service=\"voice\"") && l.endsWith(" 2.0")), "both voice carriers usable again");
        } finally {
            node.stop();
        }
    }

    /** The PATCH is applied asynchronously on every node with the sandbox carrier; GET shows it applied. */
    private static void awaitOutage(int port, boolean on) throws Exception {
        for (int i = 0; i < 50; i++) {
            JsonObject list = new JsonObject(send(port, "GET", "/v1/sandbox/carriers", null).body());
            if (list.getJsonObject("data").getJsonObject("twilio").getJsonObject("behaviour").getBoolean("outage") == on) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the outage was not " + (on ? "applied" : "lifted"));
    }

    private static RouteResult route(Node node, E164 to, int i) throws Exception {
        return node.vertx().eventBus().<RouteResult>request(Addresses.ROUTER_ROUTE,
                new RouteRequest("outage-" + i, Service.VOICE, to, null, E164.parse("from", "+14155550199"), null,
                        java.util.Set.of(), null)).await(15, TimeUnit.SECONDS).body();
    }
}
