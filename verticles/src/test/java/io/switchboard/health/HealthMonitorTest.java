package io.switchboard.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.bus.RouteResult;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health-monitor on a real node, fed by the router's own attempts: one of two carriers goes
 * into full outage under steady traffic; the router stops offering it, no call fails for the
 * caller, the change is explained, logged, stored, shown in metrics, and survives a restart.
 * Operators disable and enable a carrier over REST.
 */
class HealthMonitorTest {

    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject health(int port, String carrier) throws Exception {
        JsonObject list = new JsonObject(send(port, "GET", "/v1/carriers/health", null).body());
        return list.getJsonArray("data").stream().map(JsonObject.class::cast)
                .filter(h -> h.getString("carrier").equals(carrier)).findFirst().orElse(null);
    }

    @Test
    void anOutageTakesACarrierOutOfRoutingWithoutFailingCallsAndTheStateSurvivesARestart() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir)
                .put("router", new JsonObject().put("attempt-timeout-ms", 500))
                .put("health", new JsonObject().put("publish-interval-ms", 200));
        Node node = Node.start(TestNodes.config(layer), "health-test");
        int port = node.httpPort();
        try {
            assertEquals(201, send(port, "POST", "/v1/decks?carrier=cheap&service=voice",
                    HEADER + "44,United Kingdom,0.0050,0,60,60,2026-01-01,,USD\n").statusCode());
            assertEquals(201, send(port, "POST", "/v1/decks?carrier=steady&service=voice",
                    HEADER + "44,United Kingdom,0.0090,0,60,60,2026-01-01,,USD\n").statusCode());
            for (int i = 0; i < 100 && health(port, "steady") == null; i++) {
                Thread.sleep(100);
            }
            assertEquals("healthy", health(port, "steady").getString("state"),
                    "a configured carrier is listed before it carries any traffic");
            var bus = node.vertx().eventBus();
            boolean[] outage = {false};
            bus.<AttemptRequest>consumer(Addresses.carrier("cheap"), m -> m.reply(outage[0]
                    ? new AttemptReply(AttemptOutcome.RETRYABLE_FAILURE, null, ErrorCode.TEL_006, 503, 41, null, "down")
                    : AttemptReply.accepted("c-" + m.body().requestId()))).completion().await();
            bus.<AttemptRequest>consumer(Addresses.carrier("steady"), m -> m.reply(
                    AttemptReply.accepted("s-" + m.body().requestId()))).completion().await();
            E164 london = E164.parse("to", "+442071838750");

            // steady traffic, cheap first; then cheap goes into full outage
            String firstCarrier = null;
            for (int i = 0; i < 40 && !"cheap".equals(firstCarrier); i++) {
                firstCarrier = bus.<RouteResult>request(Addresses.ROUTER_ROUTE, RouteRequest.of("warm-" + i, Service.VOICE,
                        london)).await().body().carrier();
                Thread.sleep(25);
            }
            assertEquals("cheap", firstCarrier, "both decks loaded and cheap is preferred");
            outage[0] = true;
            long outageStart = System.nanoTime();
            long stoppedOfferingMs = -1;
            int failedForTheCaller = 0;
            int calls = 0;
            while (System.nanoTime() - outageStart < 3_000_000_000L) {
                RouteResult result = bus.<RouteResult>request(Addresses.ROUTER_ROUTE, RouteRequest.of("call-" + calls,
                        Service.VOICE, london)).await().body();
                calls++;
                if (result.carrier() == null) {
                    failedForTheCaller++;
                }
                boolean offered = result.plan().candidates().stream().anyMatch(c -> c.carrier().equals("cheap"));
                if (!offered && stoppedOfferingMs < 0) {
                    stoppedOfferingMs = (System.nanoTime() - outageStart) / 1_000_000;
                }
                Thread.sleep(20);
            }
            System.out.printf("outage: router stopped offering the failed carrier after %d ms; %d of %d calls failed "
                    + "for the caller%n", stoppedOfferingMs, failedForTheCaller, calls);
            assertTrue(stoppedOfferingMs >= 0, "the router stopped offering the carrier in outage");
            assertEquals(0, failedForTheCaller, "every call failed over to the healthy carrier");

            JsonObject cheap = health(port, "cheap");
            assertEquals("down", cheap.getString("state"), cheap.encode());
            JsonObject byDestination = new JsonObject(send(port, "GET", "/v1/carriers/health/destinations", null).body());
            JsonObject cheapUk = byDestination.getJsonArray("data").stream().map(JsonObject.class::cast)
                    .filter(d -> d.getString("carrier").equals("cheap")).findFirst().orElseThrow();
            assertEquals("44", cheapUk.getString("destination"), byDestination.encode());
            assertEquals("down", cheapUk.getString("state"), "the outage shows towards the UK too");
            assertTrue(cheap.getString("reason").startsWith("3 consecutive failures"), cheap.encode());
            assertEquals("healthy", health(port, "steady").getString("state"));

            JsonObject log = new JsonObject(send(port, "GET", "/v1/carriers/cheap/health-log", null).body());
            JsonObject last = log.getJsonArray("data").getJsonObject(0);
            assertEquals("healthy", last.getString("from_state"));
            assertEquals("down", last.getString("to_state"));
            assertEquals("system", last.getString("actor"));
            String metrics = send(node.managementPort(), "GET", "/metrics", null).body();
            assertTrue(metrics.contains("switchboard_carrier_health_state{carrier=\"cheap\""), "state gauge exported");

            // operators: disable needs a reason; disabling steady leaves no carrier (TEL-601)
            HttpResponse<String> noReason = send(port, "POST", "/v1/carriers/steady/disable", "{}");
            assertEquals(400, noReason.statusCode());
            assertEquals("reason", new JsonObject(noReason.body()).getJsonObject("error").getJsonObject("details")
                    .getString("field"));
            HttpResponse<String> disabled = send(port, "POST", "/v1/carriers/steady/disable",
                    "{\"reason\":\"maintenance window\"}");
            assertEquals(200, disabled.statusCode(), disabled.body());
            assertEquals("disabled", new JsonObject(disabled.body()).getString("state"));
            RouteResult none = null;
            for (int i = 0; i < 50; i++) {
                none = bus.<RouteResult>request(Addresses.ROUTER_ROUTE, RouteRequest.of("none-" + i, Service.VOICE, london))
                        .await().body();
                if (none.error() != null) {
                    break;
                }
                Thread.sleep(20);
            }
            assertEquals("TEL-601", none.error().code(), "every covering carrier excluded");
            HttpResponse<String> enabled = send(port, "POST", "/v1/carriers/steady/enable",
                    "{\"reason\":\"maintenance over\"}");
            assertEquals("healthy", new JsonObject(enabled.body()).getString("state"), enabled.body());
        } finally {
            node.stop();
        }

        // a restarted node resumes with the stored states
        Node again = Node.start(TestNodes.config(TestNodes.isolated(dataDir)), "health-test-2");
        int port2 = again.httpPort();
        try {
            JsonObject cheap = health(port2, "cheap");
            assertEquals("down", cheap.getString("state"), "restored from carrier_health");
            JsonObject plan = null;
            for (int i = 0; i < 50; i++) {
                plan = new JsonObject(send(port2, "GET", "/v1/routes?to=%2B442071838750", null).body());
                if (plan.getJsonArray("excluded").encode().contains("health_down")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(plan.getJsonArray("excluded").encode().contains("health_down"), plan.encode());
        } finally {
            again.stop();
        }
    }
}
