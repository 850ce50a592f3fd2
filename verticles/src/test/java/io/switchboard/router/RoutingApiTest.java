package io.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.bus.CarrierStatusReport;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.bus.RouteResult;
import io.switchboard.contract.error.ErrorCode;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate decks and routing through a real node: REST import into PostgreSQL, publication to the
 * router's index, explained plans, rejection reports, diffs, and the failover loop over the bus.
 */
class RoutingApiTest {

    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final String TOMORROW = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

    @TempDir
    static Path dataDir;

    private static Node node;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir)
                .put("router", new JsonObject().put("attempt-timeout-ms", 500));
        node = Node.start(TestNodes.config(layer), "routing-test");
        port = node.httpPort();
        post("alpha", HEADER
                + "44,United Kingdom,0.0100,0,60,60,2026-01-01,,USD\n"
                + "4420,United Kingdom London,0.0120,0,6,6,2026-01-01,,USD\n"
                + "1,United States,0.0050,0,6,6,2026-01-01,,USD\n"
                + "49,Germany,0.0200,0,1,1,2026-01-01,,USD\n", "");
        post("beta", HEADER
                + "44,United Kingdom,0.0090,0.001,60,60,2026-01-01,,USD\n"
                + "4420,United Kingdom London,0.0010,0,60,60," + TOMORROW + ",,USD\n"
                + "1212,United States New York,0.0040,0,6,6,2026-01-01,,USD\n", "");
        awaitRouterHas("beta");
    }

    @AfterAll
    static void stop() {
        node.stop();
    }

    private static HttpResponse<String> post(String carrier, String csv, String extra) throws Exception {
        return HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port + "/v1/decks?carrier=" + carrier
                        + "&service=voice" + extra)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject plan(String number) throws Exception {
        HttpResponse<String> response = get("/v1/routes?to=" + number.replace("+", "%2B"));
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static List<String> carriers(JsonObject plan) {
        return plan.getJsonArray("candidates").stream().map(c -> ((JsonObject) c).getString("carrier")).toList();
    }

    private static void awaitRouterHas(String carrier) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonObject plan = plan("+442071838750");
            boolean loaded = plan.getJsonArray("excluded").stream().noneMatch(e -> ((JsonObject) e)
                    .getString("carrier").equals(carrier) && ((JsonObject) e).getString("detail").startsWith("no published"));
            if (loaded && (carriers(plan).contains(carrier) || !plan.getJsonArray("excluded").isEmpty())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(carrier + "'s deck never reached the router");
    }

    @Test
    void destinationsWithCommasQuotesOrNothingSurviveTheStoreAndTheIndex() throws Exception {
        // an SMS deck, so that the voice plans of the other tests do not list this carrier
        HttpResponse<String> imported = HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port
                        + "/v1/decks?carrier=gamma&service=sms")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(HEADER
                        + "33,\"France, \"\"Metro\"\"\",0.0070,0,1,1,2026-01-01,,USD\n"
                        + "34,,0.0080,0,1,1,2026-01-01,,USD\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, imported.statusCode(), imported.body());
        JsonObject paris = null;
        for (int i = 0; i < 100 && (paris == null || carriers(paris).isEmpty()); i++) {
            Thread.sleep(i == 0 ? 0 : 100);
            HttpResponse<String> response = get("/v1/routes?service=sms&to=%2B33612345678");
            assertEquals(200, response.statusCode(), response.body());
            paris = new JsonObject(response.body());
        }
        assertEquals(List.of("gamma"), carriers(paris), paris.encode());
        String reason = paris.getJsonArray("candidates").getJsonObject(0).getString("reason");
        assertTrue(reason.endsWith("prefix 33 (France, \"Metro\")"), reason);

        HttpResponse<String> madrid = get("/v1/routes?service=sms&to=%2B34612345678");
        JsonObject candidate = new JsonObject(madrid.body()).getJsonArray("candidates").getJsonObject(0);
        assertEquals("0.008", candidate.getJsonObject("rate").getString("amount"));
        assertTrue(candidate.getString("reason").endsWith("prefix 34 ()"), candidate.getString("reason"));
    }

    @Test
    void plansAreExplainedForNumbersInSeveralCountries() throws Exception {
        JsonObject london = plan("+442071838750");
        // beta's 4420 row starts tomorrow: today it matches 44 (0.009/min + 0.001 fee = 0.010), alpha 4420 0.012
        assertEquals(List.of("beta", "alpha"), carriers(london));
        JsonObject first = london.getJsonArray("candidates").getJsonObject(0);
        assertEquals("44", first.getString("matched_prefix"));
        assertEquals("0.01", first.getJsonObject("estimated_cost").getString("amount"));
        JsonObject second = london.getJsonArray("candidates").getJsonObject(1);
        assertEquals("4420", second.getString("matched_prefix"));
        assertTrue(second.getString("reason").contains("United Kingdom London"), second.getString("reason"));

        JsonObject newYork = plan("+12125550100");
        assertEquals(List.of("beta", "alpha"), carriers(newYork));
        assertEquals("1212", newYork.getJsonArray("candidates").getJsonObject(0).getString("matched_prefix"));

        JsonObject berlin = plan("+493012345678");
        assertEquals(List.of("alpha"), carriers(berlin));
        JsonObject excluded = berlin.getJsonArray("excluded").getJsonObject(0);
        assertEquals("beta", excluded.getString("carrier"));
        assertEquals("no_coverage", excluded.getString("reason"));
    }

    @Test
    void carrierStatusReportsExcludeAndReorderCarriers() throws Exception {
        var bus = node.vertx().eventBus();
        try {
            bus.publish(Addresses.CARRIER_STATUS, new CarrierStatusReport("beta", 20, true, false, BreakerState.CLOSED, 0));
            JsonObject down = awaitPlan("+442071838750", p -> carriers(p).equals(List.of("alpha")));
            assertEquals("health_down", down.getJsonArray("excluded").stream().map(JsonObject.class::cast)
                    .filter(e -> e.getString("carrier").equals("beta")).findFirst().orElseThrow().getString("reason"));

            bus.publish(Addresses.CARRIER_STATUS, new CarrierStatusReport("beta", 100, false, false, BreakerState.OPEN, 0));
            awaitPlan("+442071838750", p -> p.getJsonArray("excluded").encode().contains("breaker_open"));

            bus.publish(Addresses.CARRIER_STATUS, new CarrierStatusReport("beta", 100, false, true, BreakerState.CLOSED, 0));
            awaitPlan("+442071838750", p -> p.getJsonArray("excluded").encode().contains("\"disabled\""));
        } finally {
            bus.publish(Addresses.CARRIER_STATUS, new CarrierStatusReport("beta", 100, false, false, BreakerState.CLOSED, 0));
            awaitPlan("+442071838750", p -> carriers(p).equals(List.of("beta", "alpha")));
        }
    }

    private static JsonObject awaitPlan(String number, java.util.function.Predicate<JsonObject> wanted) throws Exception {
        JsonObject last = null;
        for (int i = 0; i < 100; i++) {
            last = plan(number);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("plan never matched: " + last);
    }

    @Test
    void badQueriesNameTheParameter() throws Exception {
        HttpResponse<String> missing = get("/v1/routes?service=voice");
        assertEquals(400, missing.statusCode());
        assertEquals("TEL-011", new JsonObject(missing.body()).getJsonObject("error").getString("code"));
        assertEquals("to", new JsonObject(missing.body()).getJsonObject("error").getJsonObject("details").getString("field"));

        HttpResponse<String> invalid = get("/v1/routes?to=%2B1555");
        assertEquals(400, invalid.statusCode());
        assertEquals("TEL-001", new JsonObject(invalid.body()).getJsonObject("error").getString("code"));

        HttpResponse<String> service = get("/v1/routes?to=%2B442071838750&service=telex");
        assertEquals(400, service.statusCode());
        assertTrue(new JsonObject(service.body()).getJsonObject("error").getString("message").startsWith("service:"));
    }

    @Test
    void aDeckWithBadRowsIsRejectedWithRowNumbersOrPublishedWithoutThemOnRequest() throws Exception {
        String bad = HEADER
                + "33,France,0.0100,0,60,60,2026-01-01,,USD\n"
                + "33A,France,0.0100,0,60,60,2026-01-01,,USD\n"
                + "34,Spain,abc,0,60,60,2026-01-01,,USD\n"
                + "39,Italy,0.0100,0,60,60,2026-01-01,,USD\n";
        HttpResponse<String> refused = post("gamma", bad, "");
        assertEquals(422, refused.statusCode(), refused.body());
        JsonObject error = new JsonObject(refused.body()).getJsonObject("error");
        assertEquals("TEL-602", error.getString("code"));
        JsonArray rejections = error.getJsonObject("details").getJsonArray("rejections");
        assertEquals(2, rejections.size(), rejections.encode());
        assertEquals(3, rejections.getJsonObject(0).getInteger("row"));
        assertEquals(4, rejections.getJsonObject(1).getInteger("row"));
        assertTrue(rejections.getJsonObject(1).getString("reason").contains("abc"), rejections.encode());

        HttpResponse<String> skipped = post("gamma", bad, "&skip_invalid=true");
        assertEquals(201, skipped.statusCode(), skipped.body());
        JsonObject report = new JsonObject(skipped.body());
        assertEquals("published", report.getString("status"));
        assertEquals(2, report.getInteger("rows_accepted"));
        assertEquals(2, report.getInteger("rows_rejected"));

        JsonArray versions = new JsonObject(get("/v1/decks?carrier=gamma").body()).getJsonArray("data");
        assertEquals(List.of("published", "rejected"), versions.stream().map(v -> ((JsonObject) v).getString("status")).toList());

        HttpResponse<String> noHeader = post("gamma", "hello,world\n1,2\n", "");
        assertEquals(422, noHeader.statusCode());
        assertTrue(new JsonObject(noHeader.body()).getJsonObject("error").getString("message").contains("layout"));

        HttpResponse<String> noCarrier = HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port
                + "/v1/decks?service=voice")).POST(HttpRequest.BodyPublishers.ofString(bad)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noCarrier.statusCode());
        assertEquals("carrier", new JsonObject(noCarrier.body()).getJsonObject("error").getJsonObject("details")
                .getString("field"));
    }

    @Test
    void aNewVersionSupersedesTheOldOneAndTheDiffSaysWhatChanged() throws Exception {
        JsonObject v1 = new JsonObject(post("delta", HEADER
                + "81,Japan,0.0300,0,1,1,2026-01-01,,USD\n"
                + "82,South Korea,0.0300,0,1,1,2026-01-01,,USD\n"
                + "84,Vietnam,0.0300,0,1,1,2026-01-01,,USD\n", "").body());
        JsonObject v2 = new JsonObject(post("delta", HEADER
                + "81,Japan,0.0250,0,1,1,2026-01-01,,USD\n"
                + "82,South Korea,0.0350,0,1,1,2026-01-01,,USD\n"
                + "86,China,0.0100,0,1,1,2026-01-01,,USD\n", "").body());
        HttpResponse<String> diff = get("/v1/decks/diff?from=" + v1.getLong("deck_id") + "&to=" + v2.getLong("deck_id"));
        assertEquals(200, diff.statusCode(), diff.body());
        JsonObject counts = new JsonObject(diff.body()).getJsonObject("counts");
        assertEquals(1, counts.getInteger("added"));
        assertEquals(1, counts.getInteger("removed"));
        assertEquals(1, counts.getInteger("up"));
        assertEquals(1, counts.getInteger("down"));
        JsonArray versions = new JsonObject(get("/v1/decks?carrier=delta").body()).getJsonArray("data");
        assertEquals(List.of("published", "superseded"), versions.stream().map(v -> ((JsonObject) v).getString("status")).toList());
        assertEquals(404, get("/v1/decks/diff?from=" + v1.getLong("deck_id") + "&to=999999").statusCode());
        JsonArray oldRates = new JsonObject(get("/v1/decks/" + v1.getLong("deck_id") + "/rates?prefix=8").body())
                .getJsonArray("data");
        assertEquals(List.of("81", "82", "84"), oldRates.stream().map(r -> ((JsonObject) r).getString("prefix")).toList(),
                "a superseded version stays queryable");
        assertEquals("0.03", new java.math.BigDecimal(oldRates.getJsonObject(0).getValue("rate").toString())
                .stripTrailingZeros().toPlainString());
        assertEquals(404, get("/v1/decks/999999/rates").statusCode());
        assertEquals(400, get("/v1/decks/" + v1.getLong("deck_id") + "/rates?prefix=4x").statusCode());
        assertEquals(400, get("/v1/decks/diff?from=x&to=1").statusCode());

        for (int i = 0; i < 100; i++) {
            JsonObject tokyo = plan("+81312345678");
            if (!tokyo.getJsonArray("candidates").isEmpty() && tokyo.getJsonArray("candidates").getJsonObject(0)
                    .getLong("deck_version").equals(v2.getLong("deck_id"))) {
                assertEquals("0.025", tokyo.getJsonArray("candidates").getJsonObject(0).getJsonObject("rate")
                        .getString("amount"));
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the router never swapped in version " + v2.getLong("deck_id"));
    }

    @Test
    void routingFailsOverAcrossCarrierAddressesAndIsLogged() throws Exception {
        var bus = node.vertx().eventBus();
        var beta = bus.<AttemptRequest>consumer(Addresses.carrier("beta"), m -> m.reply(new AttemptReply(
                AttemptOutcome.RETRYABLE_FAILURE, null, ErrorCode.TEL_006, 503, 41, null, "Service Unavailable")));
        var alpha = bus.<AttemptRequest>consumer(Addresses.carrier("alpha"), m -> m.reply(AttemptReply.accepted("CA-1")));
        beta.completion().await();
        alpha.completion().await();
        try {
            RouteResult result = bus.<RouteResult>request(Addresses.ROUTER_ROUTE, RouteRequest.of("route-test-1",
                    Service.VOICE, E164.parse("to", "+442071838750"))).await().body();
            assertEquals("alpha", result.carrier());
            assertEquals("CA-1", result.carrierCallId());
            assertNull(result.error());
            assertEquals(2, result.attempts().size());
            assertEquals(503, result.attempts().get(0).sipCode());
        } finally {
            beta.unregister().await();
            alpha.unregister().await();
        }
        var target = node.database();
        for (int i = 0; i < 50; i++) {
            try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT outcome, carrier_id, attempts, plan->'candidates'->0->>'carrier' "
                         + "FROM routing_log WHERE request_id = 'route-test-1'")) {
                if (r.next()) {
                    assertEquals("routed", r.getString(1));
                    assertEquals("alpha", r.getString(2));
                    assertEquals(2, r.getInt(3));
                    assertEquals("beta", r.getString(4));
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("routing decision not found in routing_log");
    }
}
