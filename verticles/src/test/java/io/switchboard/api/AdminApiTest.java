package io.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API against one real node with every role (embedded PostgreSQL, no sandbox): carriers
 * created, changed, disabled and deleted through {@code /v1/carriers} take effect in the router's
 * plans, the carrier role's adapters and the sip-edge's trunks without a restart; credentials are
 * never shown nor audited; decks under a carrier; routing rules change plans at once; bad input is
 * TEL-011 naming the field; keys without the scope get TEL-005.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final String SECRET = "TopSecretToken0123456789abcdef";

    @TempDir
    static Path dataDir;
    private Node node;
    private int port;

    @BeforeAll
    void start() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir);
        layer.getJsonObject("sip").put("probe", new JsonObject().put("timeout-ms", 300).put("interval-ms", 600_000));
        // no active probes of the REST carriers, whose base URLs lead nowhere: plans must not change by health
        layer.put("health", new JsonObject().put("probe-interval-ms", 0));
        node = Node.start(TestNodes.config(layer), "admin-test");
        port = node.httpPort();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void carriersMadeThroughTheApiAreRoutedReorderedDisabledAndDeletedWithoutRestart() throws Exception {
        JsonObject alpha = created(new JsonObject().put("id", "alpha").put("provider", "twilio").put("priority", 5)
                .put("services", new JsonArray().add("voice")).put("base_url", "http://127.0.0.1:9")
                .put("credentials", new JsonObject().put("account_sid", "AC123").put("auth_token", SECRET))
                .put("settings", new JsonObject().put("from_number", "+15005550006"))
                .put("failover_codes", new JsonArray().add(503).add(480)).put("cps", 3).put("max_concurrent", 10));
        assertEquals(List.of("account_sid", "auth_token"), alpha.getJsonArray("credentials_set").getList());
        assertEquals("active", alpha.getString("status"));
        assertEquals(List.of(503, 480), alpha.getJsonArray("failover_codes").getList());
        created(new JsonObject().put("id", "beta").put("provider", "telnyx").put("priority", 10)
                .put("base_url", "http://127.0.0.1:9")
                .put("credentials", new JsonObject().put("api_key", SECRET).put("public_key", "pk")));

        assertEquals(201, send("POST", "/v1/carriers/alpha/decks?service=voice", TestNodes.ADMIN_KEY,
                HEADER + "33,France,0.0200,0,60,60,2026-01-01,,USD\n").statusCode());
        assertEquals(201, send("POST", "/v1/carriers/beta/decks?service=voice", TestNodes.ADMIN_KEY,
                HEADER + "33,France,0.0100,0,60,60,2026-01-01,,USD\n").statusCode());
        JsonArray alphaDecks = new JsonObject(send("GET", "/v1/carriers/alpha/decks", TestNodes.ADMIN_KEY, null).body())
                .getJsonArray("data");
        assertEquals(1, alphaDecks.size());
        assertEquals("alpha", alphaDecks.getJsonObject(0).getString("carrier"));

        awaitTrue("alpha (tier 5) before beta (tier 10)", () -> candidates("+33140000000", null).equals(List.of("alpha", "beta")));
        assertTrue(reachable("alpha"), "the carrier role deployed alpha's adapter");

        HttpResponse<String> patched = send("PATCH", "/v1/carriers/beta", TestNodes.ADMIN_KEY, "{\"priority\": 1}");
        assertEquals(200, patched.statusCode(), patched.body());
        awaitTrue("beta first after its priority changed", () -> candidates("+33140000000", null)
                .equals(List.of("beta", "alpha")));

        // a version imported with publish=false waits until it is published
        long live = deckVersion("+33140000000", "beta");
        HttpResponse<String> staged = send("POST", "/v1/carriers/beta/decks?service=voice&publish=false", TestNodes.ADMIN_KEY,
                HEADER + "33,France,0.0300,0,60,60,2026-01-01,,USD\n");
        assertEquals(201, staged.statusCode(), staged.body());
        assertEquals("staged", new JsonObject(staged.body()).getString("status"));
        long stagedId = new JsonObject(staged.body()).getLong("deck_id");
        Thread.sleep(300);
        assertEquals(live, deckVersion("+33140000000", "beta"), "a staged version is not routed");
        assertError(send("POST", "/v1/carriers/alpha/decks/" + stagedId + "/publish", TestNodes.ADMIN_KEY, null), 404,
                "TEL-013", "deck");
        HttpResponse<String> published = send("POST", "/v1/carriers/beta/decks/" + stagedId + "/publish",
                TestNodes.ADMIN_KEY, null);
        assertEquals(200, published.statusCode(), published.body());
        assertEquals("published", new JsonObject(published.body()).getString("status"));
        awaitTrue("the published version routed", () -> deckVersion("+33140000000", "beta") == stagedId);
        assertError(send("POST", "/v1/carriers/beta/decks/" + stagedId + "/publish", TestNodes.ADMIN_KEY, null), 400,
                "TEL-011", "deck");
        JsonObject diff = new JsonObject(send("GET", "/v1/carriers/beta/decks/diff?from=" + live + "&to=" + stagedId,
                TestNodes.ADMIN_KEY, null).body());
        assertEquals(1L, diff.getJsonObject("counts").getLong("up"), diff.encode());

        assertEquals(200, send("PATCH", "/v1/carriers/alpha", TestNodes.ADMIN_KEY, "{\"enabled\": false}").statusCode());
        awaitTrue("alpha excluded as disabled", () -> excluded("+33140000000", null, "alpha").equals("disabled"));
        assertEquals(200, send("PATCH", "/v1/carriers/alpha", TestNodes.ADMIN_KEY, "{\"enabled\": true}").statusCode());
        awaitTrue("alpha back", () -> candidates("+33140000000", null).contains("alpha"));

        HttpResponse<String> deleted = send("DELETE", "/v1/carriers/alpha", TestNodes.ADMIN_KEY, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("deleted", new JsonObject(deleted.body()).getString("status"));
        awaitTrue("deleted alpha excluded", () -> excluded("+33140000000", null, "alpha").equals("disabled"));
        awaitTrue("alpha's adapter undeployed", () -> !reachable("alpha"));
        String listing = send("GET", "/v1/carriers", TestNodes.ADMIN_KEY, null).body();
        assertFalse(listing.contains("\"alpha\""), listing);
        assertTrue(send("GET", "/v1/carriers?include_deleted=true", TestNodes.ADMIN_KEY, null).body().contains("\"alpha\""));
        JsonObject first = new JsonObject(send("GET", "/v1/carriers?include_deleted=true&limit=1", TestNodes.ADMIN_KEY, null)
                .body());
        assertEquals(1, first.getJsonArray("data").size());
        assertTrue(first.getBoolean("has_more"));
        String firstId = first.getJsonArray("data").getJsonObject(0).getString("id");
        JsonObject next = new JsonObject(send("GET", "/v1/carriers?include_deleted=true&limit=1&starting_after=" + firstId,
                TestNodes.ADMIN_KEY, null).body());
        assertTrue(next.getJsonArray("data").getJsonObject(0).getString("id").compareTo(firstId) > 0, next.encode());
        assertEquals("deleted", new JsonObject(send("GET", "/v1/carriers/alpha", TestNodes.ADMIN_KEY, null).body())
                .getString("status"), "the row stays for CDR history");
        assertError(send("PATCH", "/v1/carriers/alpha", TestNodes.ADMIN_KEY, "{\"priority\": 2}"), 404, "TEL-013", null);
        assertError(send("DELETE", "/v1/carriers/alpha", TestNodes.ADMIN_KEY, null), 404, "TEL-013", null);
        assertError(send("POST", "/v1/carriers", TestNodes.ADMIN_KEY, "{\"id\":\"alpha\",\"provider\":\"sip\","
                + "\"sip\":{\"host\":\"127.0.0.1\"}}"), 400, "TEL-011", "id");
        assertError(send("POST", "/v1/carriers/alpha/decks?service=voice", TestNodes.ADMIN_KEY,
                HEADER + "33,France,0.0200,0,60,60,2026-01-01,,USD\n"), 404, "TEL-013", null);
        assertError(send("POST", "/v1/decks?carrier=alpha&service=voice", TestNodes.ADMIN_KEY,
                HEADER + "33,France,0.0200,0,60,60,2026-01-01,,USD\n"), 404, "TEL-013", null);

        // credentials: write-only, merged on PATCH, never shown, never audited
        HttpResponse<String> rotated = send("PATCH", "/v1/carriers/beta", TestNodes.ADMIN_KEY,
                new JsonObject().put("credentials", new JsonObject().put("api_key", SECRET + "2")).encode());
        assertEquals(200, rotated.statusCode(), rotated.body());
        assertEquals(List.of("api_key", "public_key"), new JsonObject(rotated.body()).getJsonArray("credentials_set").getList());
        String everything = send("GET", "/v1/carriers?include_deleted=true", TestNodes.ADMIN_KEY, null).body()
                + send("GET", "/v1/carriers/beta", TestNodes.ADMIN_KEY, null).body() + rotated.body();
        assertFalse(everything.contains(SECRET), everything);
        JsonArray audit = new JsonArray();
        for (String action : List.of("carrier.create", "carrier.update", "carrier.delete")) {
            audit.addAll(new JsonObject(send("GET", "/v1/audit?action=" + action + "&limit=200", TestNodes.ADMIN_KEY, null)
                    .body()).getJsonArray("data"));
        }
        assertTrue(audit.size() >= 7, audit.encodePrettily());
        assertFalse(audit.encode().contains(SECRET), "credentials are never audited");
        assertTrue(audit.stream().map(JsonObject.class::cast).anyMatch(e -> "carrier.update".equals(e.getString("action"))
                && "beta".equals(e.getString("target"))
                && e.getJsonObject("details").getJsonObject("before").getInteger("priority") == 10
                && e.getJsonObject("details").getJsonObject("after").getInteger("priority") == 1), audit.encodePrettily());
    }

    @Test
    void sipTrunksMadeThroughTheApiReachTheSipEdge() throws Exception {
        assertFalse(reachable("trunk-a"), "no such trunk yet");
        JsonObject trunk = created(new JsonObject().put("id", "trunk-a").put("provider", "sip").put("cps", 5)
                .put("sip", new JsonObject().put("host", "127.0.0.1").put("port", TestNodes.freePort())
                        .put("transport", "udp").put("allowed_ips", new JsonArray().add("10.0.0.0/8"))
                        .put("codecs", new JsonArray().add("PCMA")).put("dtmf_mode", "rfc2833")
                        .put("headers", new JsonObject().put("X-Account", "42")))
                .put("credentials", new JsonObject().put("username", "u").put("password", SECRET)));
        assertEquals(List.of("password", "username"), trunk.getJsonArray("credentials_set").getList());
        assertEquals("127.0.0.1", trunk.getJsonObject("sip").getString("host"));
        assertEquals(List.of("10.0.0.0/8"), trunk.getJsonObject("sip").getJsonArray("allowed_ips").getList());
        assertFalse(trunk.encode().contains(SECRET));
        awaitTrue("the sip-edge probes the new trunk on request", () -> reachable("trunk-a"));

        assertEquals(200, send("PATCH", "/v1/carriers/trunk-a", TestNodes.ADMIN_KEY,
                "{\"sip\": {\"transport\": \"tcp\"}}").statusCode());
        assertEquals("tcp", new JsonObject(send("GET", "/v1/carriers/trunk-a", TestNodes.ADMIN_KEY, null).body())
                .getJsonObject("sip").getString("transport"));
        assertEquals(200, send("DELETE", "/v1/carriers/trunk-a", TestNodes.ADMIN_KEY, null).statusCode());
        awaitTrue("the sip-edge dropped the deleted trunk", () -> !reachable("trunk-a"));
    }

    @Test
    void routingRulesChangePlansAtOnce() throws Exception {
        for (String id : List.of("gamma", "delta")) {
            created(new JsonObject().put("id", id).put("provider", "plivo").put("base_url", "http://127.0.0.1:9")
                    .put("credentials", new JsonObject().put("auth_id", "MA" + id).put("auth_token", SECRET)));
        }
        assertEquals(201, send("POST", "/v1/carriers/gamma/decks?service=voice", TestNodes.ADMIN_KEY,
                HEADER + "49,Germany,0.0100,0,60,60,2026-01-01,,USD\n").statusCode());
        assertEquals(201, send("POST", "/v1/carriers/delta/decks?service=voice", TestNodes.ADMIN_KEY,
                HEADER + "49,Germany,0.0200,0,60,60,2026-01-01,,USD\n").statusCode());
        String tenant = new JsonObject(send("POST", "/v1/tenants", TestNodes.ADMIN_KEY, "{\"name\":\"rules-"
                + System.nanoTime() + "\"}").body()).getString("id");
        String other = new JsonObject(send("POST", "/v1/tenants", TestNodes.ADMIN_KEY, "{\"name\":\"other-"
                + System.nanoTime() + "\"}").body()).getString("id");
        awaitTrue("both routed", () -> candidates("+4930123456", tenant).equals(List.of("gamma", "delta")));

        HttpResponse<String> rule = send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, new JsonObject()
                .put("tenant_id", tenant).put("service", "voice").put("denied_carriers", new JsonArray().add("gamma")).encode());
        assertEquals(201, rule.statusCode(), rule.body());
        String ruleId = new JsonObject(rule.body()).getString("id");
        awaitTrue("gamma denied for the tenant", () -> excluded("+4930123456", tenant, "gamma").equals("tenant_policy"));
        assertEquals(List.of("gamma", "delta"), candidates("+4930123456", other), "other tenants are unaffected");

        HttpResponse<String> preferred = send("PATCH", "/v1/routing-rules/" + ruleId, TestNodes.ADMIN_KEY,
                "{\"denied_carriers\": null, \"preferred_carrier\": \"delta\"}");
        assertEquals(200, preferred.statusCode(), preferred.body());
        awaitTrue("delta preferred", () -> candidates("+4930123456", tenant).equals(List.of("delta", "gamma")));

        // a tenant key with routing:write manages its own rules only
        String key = new JsonObject(send("POST", "/v1/keys", TestNodes.ADMIN_KEY, new JsonObject().put("tenant_id", tenant)
                .put("scopes", new JsonArray().add("routing:write")).encode()).body()).getString("key");
        JsonArray own = new JsonObject(send("GET", "/v1/routing-rules", key, null).body()).getJsonArray("data");
        assertEquals(1, own.size());
        HttpResponse<String> mine = send("POST", "/v1/routing-rules", key, "{\"max_rate\": \"0.015\"}");
        assertEquals(201, mine.statusCode(), mine.body());
        assertEquals(tenant, new JsonObject(mine.body()).getString("tenant_id"));
        awaitTrue("delta above the tenant's maximum rate", () -> excluded("+4930123456", tenant, "delta").equals("tenant_policy"));
        assertError(send("POST", "/v1/routing-rules", key, "{\"tenant_id\": \"" + other + "\"}"), 403, "TEL-005", null);
        String othersRule = new JsonObject(send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, "{\"tenant_id\": \""
                + other + "\", \"policy\": \"weighted\"}").body()).getString("id");
        assertError(send("GET", "/v1/routing-rules/" + othersRule, key, null), 404, "TEL-013", null);
        assertError(send("DELETE", "/v1/routing-rules/" + othersRule, key, null), 404, "TEL-013", null);
        assertError(send("GET", "/v1/carriers", key, null), 403, "TEL-005", null);

        assertEquals(200, send("DELETE", "/v1/routing-rules/" + new JsonObject(mine.body()).getString("id"), key, null)
                .statusCode());
        assertEquals(200, send("DELETE", "/v1/routing-rules/" + ruleId, TestNodes.ADMIN_KEY, null).statusCode());
        awaitTrue("back to the cheapest first", () -> candidates("+4930123456", tenant).equals(List.of("gamma", "delta")));
        assertError(send("DELETE", "/v1/routing-rules/" + ruleId, TestNodes.ADMIN_KEY, null), 404, "TEL-013", null);
        assertTrue(send("GET", "/v1/audit?action=routing_rule.delete", TestNodes.ADMIN_KEY, null).body().contains(ruleId));

        assertError(send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, "{\"policy\": \"cheap\"}"), 400, "TEL-011", "policy");
        assertError(send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, "{\"denied_carriers\": [\"nobody\"]}"), 400,
                "TEL-011", "denied_carriers");
        assertError(send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, "{\"prefix\": \"4a\"}"), 400, "TEL-011", "prefix");
        assertError(send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, "{\"prefix\": \"49\"}"), 400, "TEL-011",
                "allowed_carriers");
        assertError(send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, "{\"max_rate\": \"-1\"}"), 400, "TEL-011", "max_rate");
        assertError(send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, "{\"tenant_id\": \"x\"}"), 400, "TEL-011", "tenant_id");
        assertError(send("POST", "/v1/routing-rules", TestNodes.ADMIN_KEY, "{\"colour\": 1}"), 400, "TEL-011", "colour");
        assertError(send("PATCH", "/v1/routing-rules/" + java.util.UUID.randomUUID(), TestNodes.ADMIN_KEY, "{}"), 404,
                "TEL-013", null);
    }

    @Test
    void badCarrierInputIsRefusedNamingTheField() throws Exception {
        record Case(String body, String field) {
        }
        for (Case c : List.of(
                new Case("[]", "body"),
                new Case("{\"provider\":\"twilio\"}", "id"),
                new Case("{\"id\":\"Bad_Id\",\"provider\":\"twilio\"}", "id"),
                new Case("{\"id\":\"health\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"}}", "id"),
                new Case("{\"id\":\"x1\"}", "provider"),
                new Case("{\"id\":\"x1\",\"provider\":\"acme\"}", "provider"),
                new Case("{\"id\":\"x1\",\"provider\":\"twilio\",\"credentials\":{\"account_sid\":\"AC1\"}}",
                        "credentials/auth_token"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"},\"settings\":{\"api_key\":\"k\"}}",
                        "settings/api_key"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"},\"settings\":{\"host\":\"k\"}}",
                        "settings/host"),
                new Case("{\"id\":\"x1\",\"provider\":\"twilio\",\"sip\":{\"host\":\"h\"}}", "sip"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\"}", "sip/host"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\",\"port\":70000}}", "sip/port"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\",\"transport\":\"sctp\"}}", "sip/transport"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\",\"allowed_ips\":[\"10.0.0.0/33\"]}}",
                        "sip/allowed_ips"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\",\"codecs\":[\"mp3\"]}}", "sip/codecs/0"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\",\"dtmf_mode\":\"morse\"}}", "sip/dtmf_mode"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\",\"headers\":{\"Via\":\"x\"}}}",
                        "sip/headers/Via"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\",\"colour\":1}}", "sip/colour"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"},\"failover_codes\":[200]}",
                        "failover_codes/0"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"},\"priority\":-1}", "priority"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"},\"services\":[\"telex\"]}", "services/0"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"},\"base_url\":\"ftp://x\"}", "base_url"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"},\"enabled\":\"yes\"}", "enabled"),
                new Case("{\"id\":\"x1\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"},\"colour\":1}", "colour"))) {
            assertError(send("POST", "/v1/carriers", TestNodes.ADMIN_KEY, c.body()), 400, "TEL-011", c.field());
        }
        assertError(send("GET", "/v1/carriers/nope", TestNodes.ADMIN_KEY, null), 404, "TEL-013", null);
        assertError(send("PATCH", "/v1/carriers/nope", TestNodes.ADMIN_KEY, "{}"), 404, "TEL-013", null);
        assertError(send("DELETE", "/v1/carriers/nope", TestNodes.ADMIN_KEY, null), 404, "TEL-013", null);
        assertError(send("GET", "/v1/carriers/nope/decks", TestNodes.ADMIN_KEY, null), 404, "TEL-013", null);
        created(new JsonObject().put("id", "epsilon").put("provider", "sip").put("sip", new JsonObject().put("host", "h")));
        assertError(send("PATCH", "/v1/carriers/epsilon", TestNodes.ADMIN_KEY, "{\"provider\":\"twilio\"}"), 400,
                "TEL-011", "provider");
        assertError(send("PATCH", "/v1/carriers/epsilon", TestNodes.ADMIN_KEY, "{\"weight\":1.5}"), 400, "TEL-011", "weight");
        assertEquals(100, new JsonObject(send("GET", "/v1/carriers/epsilon", TestNodes.ADMIN_KEY, null).body())
                .getInteger("weight"), "a refused PATCH changes nothing");
        assertError(send("GET", "/v1/carriers/epsilon/decks/diff?from=1&to=x", TestNodes.ADMIN_KEY, null), 400, "TEL-011", "to");

        String reader = new JsonObject(send("POST", "/v1/keys", TestNodes.ADMIN_KEY, new JsonObject()
                .put("tenant_id", "00000000-0000-0000-0000-000000000001").put("scopes", new JsonArray().add("calls:read"))
                .encode()).body()).getString("key");
        assertError(send("GET", "/v1/carriers", reader, null), 403, "TEL-005", null);
        assertError(send("POST", "/v1/carriers", reader, "{}"), 403, "TEL-005", null);
        assertError(send("POST", "/v1/routing-rules", reader, "{}"), 403, "TEL-005", null);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private JsonObject created(JsonObject body) throws Exception {
        HttpResponse<String> response = send("POST", "/v1/carriers", TestNodes.ADMIN_KEY, body.encode());
        assertEquals(201, response.statusCode(), response.body());
        assertFalse(response.body().contains(SECRET), "credentials are never returned");
        return new JsonObject(response.body());
    }

    /** @return whether something answers the carrier's probe address (its adapter or the sip-edge's trunk) */
    private boolean reachable(String carrier) throws Exception {
        try {
            node.vertx().eventBus().request(Addresses.carrierProbe(carrier), "probe", new DeliveryOptions()
                    .setSendTimeout(10_000)).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            ReplyException reply = assertInstanceOf(ReplyException.class, e.getCause());
            return reply.failureType() != ReplyFailure.NO_HANDLERS;
        }
    }

    private JsonObject plan(String number, String tenant) throws Exception {
        HttpResponse<String> response = send("GET", "/v1/routes?to=" + number.replace("+", "%2B") + "&service=voice"
                + (tenant == null ? "" : "&tenant_id=" + tenant), TestNodes.ADMIN_KEY, null);
        return response.statusCode() == 200 ? new JsonObject(response.body()) : new JsonObject()
                .put("candidates", new JsonArray()).put("excluded", new JsonArray());
    }

    private long deckVersion(String number, String carrier) throws Exception {
        return plan(number, null).getJsonArray("candidates").stream().map(JsonObject.class::cast)
                .filter(c -> carrier.equals(c.getString("carrier"))).mapToLong(c -> c.getLong("deck_version"))
                .findFirst().orElse(-1);
    }

    private List<String> candidates(String number, String tenant) throws Exception {
        return plan(number, tenant).getJsonArray("candidates").stream().map(c -> ((JsonObject) c).getString("carrier"))
                .toList();
    }

    /** @return the exclusion reason of the carrier in the plan, or "" when it is not excluded */
    private String excluded(String number, String tenant, String carrier) throws Exception {
        return plan(number, tenant).getJsonArray("excluded").stream().map(JsonObject.class::cast)
                .filter(e -> carrier.equals(e.getString("carrier"))).map(e -> e.getString("reason")).findFirst().orElse("");
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String field) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals(code, error.getString("code"), response.body());
        if (field != null) {
            assertEquals(field, error.getJsonObject("details").getString("field"), response.body());
            assertTrue(error.getString("message").contains(field), response.body());
        }
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", path.contains("/decks") ? "text/csv" : "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface Probe {
        boolean get() throws Exception;
    }

    private static void awaitTrue(String what, Probe probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (probe.get()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
