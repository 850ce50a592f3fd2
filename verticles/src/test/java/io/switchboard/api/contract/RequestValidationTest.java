package io.switchboard.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract at work in a real node (embedded PostgreSQL, every role, no carriers): the routes
 * mounted on the http-api router and the document's operations are the same set, malformed
 * requests are refused with 400 TEL-011 naming the field before any handler runs (no request
 * leaves for the event bus, no deck is stored), and what must pass still passes: a deck larger
 * than {@code http.body-limit} (its body is streamed, never read by the validator), a WebSocket
 * upgrade on {@code /v1/events}, and the document itself at {@code /openapi.yaml}.
 */
class RequestValidationTest {

    /**
     * Operations of issue 8 the document describes ahead of their handlers (API keys, tenants, audit;
     * written concurrently). The route test fails as soon as one of them is mounted, so this set
     * must shrink as they land, and be empty once they all have.
     */
    private static final Set<String> DOCUMENTED_AHEAD = Set.of();

    /** The event-bus addresses the API's handlers send to: none may be reached by a refused request. */
    private static final Set<String> API_ADDRESSES = Set.of(Addresses.CALLS_CREATE, Addresses.MESSAGES_SEND,
            Addresses.CALLS_HANGUP, Addresses.CALLS_GET, Addresses.HEALTH_DISABLE, Addresses.HEALTH_ENABLE,
            Addresses.SANDBOX_LIST, Addresses.SANDBOX_BEHAVIOUR, Addresses.ROUTER_PLAN);

    private static final String LONDON = "+442071838750";
    private static final String CALLER = "+442079460000";
    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;

    private static Node node;
    private static int port;
    private static final List<String> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir);
        layer.getJsonObject("http").put("body-limit", 4096);
        node = Node.start(TestNodes.config(layer), "contract-test");
        port = node.httpPort();
        node.vertx().eventBus().addOutboundInterceptor(delivery -> {
            if (API_ADDRESSES.contains(delivery.message().address())) {
                sent.add(delivery.message().address());
            }
            delivery.next();
        });
    }

    @AfterAll
    static void stop() {
        node.stop();
    }

    @Test
    void everyMountedRouteIsDocumentedAndEveryDocumentedOperationIsMounted() throws Exception {
        Map<String, List<String>> documented = contract().operations();
        Set<String> documentedOps = new TreeSet<>();
        documented.forEach((path, methods) -> methods.forEach(m -> documentedOps.add(m + " " + normalize(path))));

        List<String> mountedOps = new ArrayList<>();
        List<String> wildcardPrefixes = new ArrayList<>();
        for (Route route : node.httpRoutes()) {
            String path = route.getPath();
            if (path == null) {
                continue; // request ids, validation, body handler: every path
            }
            Set<HttpMethod> methods = route.methods();
            boolean wildcard = !route.isExactPath();
            String normalized = normalize(path);
            if (wildcard) {
                wildcardPrefixes.add(normalized.endsWith("/") ? normalized : normalized + "/");
                assertTrue(documentedOps.stream().anyMatch(op -> op.substring(op.indexOf(' ') + 1)
                        .startsWith(wildcardPrefixes.get(wildcardPrefixes.size() - 1))),
                        "mounted wildcard route " + path + " has no documented path under it");
                continue;
            }
            if (methods == null || methods.isEmpty()) {
                assertTrue(documented.keySet().stream().map(RequestValidationTest::normalize).anyMatch(normalized::equals),
                        "mounted route (any method) " + path + " is not documented");
                documentedOps.stream().filter(op -> op.endsWith(" " + normalized)).forEach(mountedOps::add);
                continue;
            }
            for (HttpMethod method : methods) {
                String op = method.name() + " " + normalized;
                assertTrue(documentedOps.contains(op), "mounted route " + op + " is not in the document");
                mountedOps.add(op);
            }
        }
        for (String op : documentedOps) {
            String path = op.substring(op.indexOf(' ') + 1);
            boolean mounted = mountedOps.contains(op)
                    || wildcardPrefixes.stream().anyMatch(prefix -> path.startsWith(prefix) && !path.equals(prefix));
            if (DOCUMENTED_AHEAD.contains(op)) {
                assertFalse(mounted, op + " is mounted now: remove it from DOCUMENTED_AHEAD");
            } else {
                assertTrue(mounted, "documented operation " + op + " is not mounted on the http-api router");
            }
        }
        assertTrue(mountedOps.size() >= 40, "routes compared: " + mountedOps);
        assertTrue(mountedOps.containsAll(List.of("POST /v1/carriers", "PATCH /v1/carriers/{}",
                "POST /v1/carriers/{}/decks/{}/publish", "PATCH /v1/routing-rules/{}")), "the admin API: " + mountedOps);
        assertTrue(documentedOps.containsAll(DOCUMENTED_AHEAD), "DOCUMENTED_AHEAD lists undocumented operations");
    }

    @Test
    void malformedRequestsAreRefusedNamingTheFieldBeforeAnyHandler() throws Exception {
        String decksBefore = send("GET", "/v1/decks", null, null).body();
        sent.clear();
        String call = "\"to\":\"" + LONDON + "\",\"from\":\"" + CALLER + "\"";
        String uuid = "7f1c3a52-52a4-4c55-9d89-0a4e6a3c1c11";
        // unknown field, wrong type, missing required, not JSON, not an object, wrong content type
        refused("POST", "/v1/calls", "{" + call + ",\"extra\":1}", 400, "extra");
        refused("POST", "/v1/calls", "{" + call + ",\"timeout\":\"soon\"}", 400, "timeout");
        refused("POST", "/v1/calls", "{" + call + ",\"record\":\"yes\"}", 400, "record");
        refused("POST", "/v1/calls", "{\"from\":\"" + CALLER + "\"}", 400, "to");
        refused("POST", "/v1/calls", "{\"to\":", 400, "body");
        refused("POST", "/v1/calls", "[1]", 400, "body");
        refused("POST", "/v1/calls", "", 400, "body");
        assertField(send("POST", "/v1/calls", "text/plain", "{" + call + "}"), 415, "Content-Type");
        assertField(send("POST", "/v1/calls", "application/x-www-form-urlencoded", "to=1&from=2"), 415, "Content-Type");
        refused("POST", "/v1/messages", "{" + call + ",\"body\":\"\"}", 400, "body");
        refused("POST", "/v1/messages", "{" + call + ",\"body\":\"hi\",\"metadata\":[1]}", 400, "metadata");
        // bad query and path parameters, bad enums
        refused("GET", "/v1/calls?limit=abc", null, 400, "limit");
        refused("GET", "/v1/calls?limit=0", null, 400, "limit");
        refused("GET", "/v1/calls?starting_after=42", null, 400, "starting_after");
        refused("GET", "/v1/calls/not-a-uuid", null, 400, "id");
        refused("POST", "/v1/calls/not-a-uuid/hangup", null, 400, "id");
        refused("GET", "/v1/cdrs?record_type=planet", null, 400, "record_type");
        refused("GET", "/v1/usage?from=yesterday", null, 400, "from");
        refused("GET", "/v1/routes?service=voice", null, 400, "to");
        refused("GET", "/v1/routes?to=%2B442071838750&max_rate=-1", null, 400, "max_rate");
        refused("GET", "/v1/events?call_id=42", null, 400, "call_id");
        // what the handlers alone would have let through
        refused("POST", "/v1/carriers/steady/disable", "{\"reason\":\"maintenance\",\"extra\":true}", 400, "extra");
        refused("GET", "/v1/decks?carrier=Not%20A%20Carrier", null, 400, "carrier");
        refused("PATCH", "/v1/sandbox/carriers/twilio", "{\"error_kind\":\"meltdown\"}", 400, "error_kind");
        refused("PATCH", "/v1/sandbox/carriers/twilio", "{\"ring_ms\":-1}", 400, "ring_ms");
        // a deck with a bad query parameter: refused before its body is read, nothing stored
        assertField(send("POST", "/v1/decks?carrier=zeta&service=telex", "text/csv", HEADER
                + "44,United Kingdom,0.01,0,60,60,2026-01-01,,USD\n"), 400, "service");
        assertField(send("POST", "/v1/decks?service=voice", "text/csv", HEADER), 400, "carrier");
        // keys, tenants, audit: validated by the contract whoever serves them
        refused("POST", "/v1/keys", "{\"scopes\":[\"calls:write\"],\"mode\":\"staging\"}", 400, "mode");
        refused("POST", "/v1/keys", "{\"scopes\":[\"calls:fly\"]}", 400, "scopes/0");
        refused("POST", "/v1/keys", "{\"scopes\":[\"admin\"],\"expires_at\":\"next week\"}", 400, "expires_at");
        refused("POST", "/v1/keys", "{\"description\":\"no scopes\"}", 400, "scopes");
        refused("POST", "/v1/keys/" + uuid + "/rotate", "{\"grace_seconds\":-5}", 400, "grace_seconds");
        refused("POST", "/v1/tenants", "{\"name\":\"acme\",\"plan\":\"gold\"}", 400, "plan");
        refused("POST", "/v1/tenants", "{\"name\":\"acme\",\"spend_cap\":12.5}", 400, "spend_cap");
        refused("POST", "/v1/tenants", "{\"name\":\"acme\",\"limits\":{\"calls_per_second\":\"many\"}}", 400,
                "limits/calls_per_second");
        refused("POST", "/v1/tenants", "{\"name\":\"acme\",\"limits\":{\"calls_per_hour\":5}}", 400,
                "limits/calls_per_hour");
        refused("POST", "/v1/tenants", null, 400, "body");
        refused("PATCH", "/v1/tenants/not-a-uuid", "{\"name\":\"x\"}", 400, "id");
        refused("GET", "/v1/audit?limit=abc", null, 400, "limit");
        refused("GET", "/v1/audit?from=2026-13-45", null, 400, "from");

        // the messages, in the API's words
        assertEquals("extra: unknown field", error(send("POST", "/v1/calls", "application/json",
                "{" + call + ",\"extra\":1}")).getString("message"));
        assertEquals("limit: expected integer, got string", error(send("GET", "/v1/calls?limit=abc", null, null))
                .getString("message"));
        assertEquals("from: expected an RFC 3339 timestamp such as 2026-12-01T00:00:00Z",
                error(send("GET", "/v1/cdrs?from=yesterday", null, null)).getString("message"));
        assertEquals("body: not valid JSON", error(send("POST", "/v1/calls", "application/json", "{\"to\":"))
                .getString("message"));

        assertEquals(List.of(), sent, "refused requests reached a handler's event-bus address");
        assertEquals(decksBefore, send("GET", "/v1/decks", null, null).body(), "no deck stored");

        // the same interceptor sees requests that pass: the check above could fail
        HttpResponse<String> valid = send("POST", "/v1/calls", "application/json", "{" + call + "}");
        assertTrue(valid.statusCode() != 400 || !valid.body().contains("TEL-011"), valid.body());
        assertTrue(sent.contains(Addresses.CALLS_CREATE), "a valid call went to " + Addresses.CALLS_CREATE + ": " + sent);
        // a body without Content-Type is read as JSON, as before
        HttpResponse<String> untyped = send("POST", "/v1/carriers/steady/disable", null, "{\"reason\":\"maintenance\"}");
        assertFalse(untyped.body().contains("TEL-011"), untyped.body());
        // numeric-looking strings stay strings, booleans and numbers in queries are read as such
        for (String path : List.of("/v1/cdrs?prefix=44&record_type=call&limit=5&format=json",
                "/v1/cdrs?from=2026-01-01T00:00:00Z&to=2026-12-31T23:59:59%2B01:00", "/v1/calls?to=%2B442071838750&state=failed",
                "/v1/routes?to=%2B442071838750&service=sms&max_rate=0.5&avoid=a,b", "/v1/decks?carrier=123",
                "/v1/usage?group_by=country", "/v1/calls?carrier=a-1&to=%2B44%2520", "/v1/webhooks/deliveries?state=dead&limit=1000",
                "/v1/carriers/123/health-log?limit=3", "/v1/calls?limit=100000")) {
            HttpResponse<String> passed = send("GET", path, null, null);
            assertFalse(passed.body().contains("TEL-011"), path + " -> " + passed.body());
        }
        // carrier webhooks are relayed as before: an unknown carrier is the relay's 404, not a validation error
        HttpResponse<String> webhook = send("POST", "/v1/webhooks/Nobody/status", "application/x-www-form-urlencoded", "a=1");
        assertEquals(404, webhook.statusCode(), webhook.body());
        assertEquals("TEL-013", error(webhook).getString("code"));
        // and an E.164 problem stays the handler's TEL-001
        HttpResponse<String> shortNumber = send("POST", "/v1/calls", "application/json",
                "{\"to\":\"+1555\",\"from\":\"" + CALLER + "\"}");
        assertEquals("TEL-001", error(shortNumber).getString("code"), shortNumber.body());
    }

    @Test
    void theAdminApiIsValidatedAndWhatItsHandlersAcceptStillPasses() throws Exception {
        String carriersBefore = send("GET", "/v1/carriers?include_deleted=true", null, null).body();
        String rulesBefore = send("GET", "/v1/routing-rules", null, null).body();
        String trunk = "\"id\":\"contract-trunk\",\"provider\":\"sip\"";
        String uuid = "7f1c3a52-52a4-4c55-9d89-0a4e6a3c1c11";
        refused("POST", "/v1/carriers", "{\"id\":\"x1\",\"provider\":\"acme\"}", 400, "provider");
        refused("POST", "/v1/carriers", "{\"provider\":\"sip\"}", 400, "id");
        refused("POST", "/v1/carriers", "{" + trunk + ",\"sip\":{\"host\":\"h\",\"port\":70000}}", 400, "sip/port");
        refused("POST", "/v1/carriers", "{" + trunk + ",\"sip\":{\"host\":\"h\",\"colour\":1}}", 400, "sip/colour");
        refused("POST", "/v1/carriers", "{" + trunk + ",\"sip\":{\"host\":\"h\",\"codecs\":[\"mp3\"]}}", 400, "sip/codecs/0");
        refused("POST", "/v1/carriers", "{" + trunk + ",\"sip\":{\"host\":\"h\",\"headers\":{\"X-A\":7}}}", 400,
                "sip/headers/X-A");
        refused("POST", "/v1/carriers", "{" + trunk + ",\"settings\":{\"from_number\":5}}", 400, "settings/from_number");
        refused("POST", "/v1/carriers", "{" + trunk + ",\"failover_codes\":[200]}", 400, "failover_codes/0");
        refused("POST", "/v1/carriers", "{" + trunk + ",\"services\":[]}", 400, "services");
        refused("PATCH", "/v1/carriers/steady", "{\"priority\":1001}", 400, "priority");
        refused("PATCH", "/v1/carriers/steady", "{\"provider\":\"twilio\"}", 400, "provider");
        refused("GET", "/v1/carriers?limit=0", null, 400, "limit");
        refused("GET", "/v1/carriers/Not_A_Carrier", null, 400, "id");
        refused("GET", "/v1/carriers/steady/decks/diff?from=1", null, 400, "to");
        refused("POST", "/v1/carriers/steady/decks/latest/publish", null, 400, "deck");
        assertField(send("POST", "/v1/carriers/steady/decks?service=telex", "text/csv", HEADER), 400, "service");
        refused("POST", "/v1/routing-rules", "{\"policy\":\"cheap\"}", 400, "policy");
        refused("POST", "/v1/routing-rules", "{\"max_rate\":0.5}", 400, "max_rate");
        refused("POST", "/v1/routing-rules", "{\"tenant_id\":\"x\"}", 400, "tenant_id");
        refused("POST", "/v1/routing-rules", "{\"allowed_carriers\":\"steady\"}", 400, "allowed_carriers");
        refused("PATCH", "/v1/routing-rules/not-a-uuid", "{}", 400, "id");
        refused("GET", "/v1/routing-rules?tenant_id=42", null, 400, "tenant_id");
        assertEquals("priority: expected at most 1000, got 1001", error(send("PATCH", "/v1/carriers/steady",
                "application/json", "{\"priority\":1001}")).getString("message"));
        assertEquals(carriersBefore, send("GET", "/v1/carriers?include_deleted=true", null, null).body(), "no carrier made");
        assertEquals(rulesBefore, send("GET", "/v1/routing-rules", null, null).body(), "no rule made");

        // null (a PATCH's "clear", a map's "remove this key") passes wherever the handlers take it
        String nulls = "\"display_name\":null,\"services\":null,\"priority\":null,\"weight\":null,\"cps\":null,"
                + "\"max_concurrent\":null,\"enabled\":null,\"base_url\":null,\"timeout_ms\":null,\"failover_codes\":null,"
                + "\"settings\":{\"from_number\":null},\"credentials\":{\"password\":null}";
        HttpResponse<String> created = send("POST", "/v1/carriers", "application/json", "{" + trunk + "," + nulls
                + ",\"sip\":{\"host\":\"127.0.0.1\",\"port\":9,\"transport\":null,\"tech_prefix\":null,"
                + "\"number_format\":null,\"allowed_ips\":null,\"codecs\":null,\"dtmf_mode\":null,"
                + "\"headers\":{\"X-Gone\":null}}}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> patched = send("PATCH", "/v1/carriers/contract-trunk", "application/json", "{" + nulls
                + ",\"base_url\":\"\",\"sip\":{\"headers\":{\"X-Gone\":null},\"port\":null}}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(200, send("PATCH", "/v1/carriers/contract-trunk", "application/json", "{\"sip\":null}").statusCode());
        assertEquals(200, send("DELETE", "/v1/carriers/contract-trunk", null, null).statusCode());
        String ruleNulls = "{\"tenant_id\":null,\"service\":null,\"prefix\":null,\"policy\":null,\"allowed_carriers\":null,"
                + "\"denied_carriers\":null,\"preferred_carrier\":null,\"max_rate\":null,\"priority\":null,\"enabled\":null}";
        HttpResponse<String> rule = send("POST", "/v1/routing-rules", "application/json", ruleNulls);
        assertEquals(201, rule.statusCode(), rule.body());
        String ruleId = new JsonObject(rule.body()).getString("id");
        HttpResponse<String> rulePatched = send("PATCH", "/v1/routing-rules/" + ruleId, "application/json", ruleNulls);
        assertEquals(200, rulePatched.statusCode(), rulePatched.body());
        assertEquals(200, send("DELETE", "/v1/routing-rules/" + ruleId, null, null).statusCode());
        // and the handlers' own rules still answer with their own words
        assertEquals("TEL-013", error(send("PATCH", "/v1/routing-rules/" + uuid, "application/json", ruleNulls))
                .getString("code"));
        HttpResponse<String> health = send("POST", "/v1/carriers", "application/json",
                "{\"id\":\"health\",\"provider\":\"sip\",\"sip\":{\"host\":\"h\"}}");
        assertEquals("id: 'health' is reserved (/v1/carriers/health)", error(health).getString("message"), health.body());
        HttpResponse<String> rate = send("POST", "/v1/routing-rules", "application/json", "{\"max_rate\":\"-1\"}");
        assertTrue(error(rate).getString("message").startsWith("max_rate: expected a non-negative decimal"), rate.body());
        // a tenant's webhook_url cleared with null passes too (TenantPatch)
        HttpResponse<String> tenant = send("PATCH", "/v1/tenants/" + uuid, "application/json", "{\"webhook_url\":null}");
        assertEquals("TEL-013", error(tenant).getString("code"), tenant.body());
    }

    @Test
    void aDeckLargerThanTheBodyLimitIsStreamedPastTheValidator() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 400; i++) {
            csv.append("44").append(1000 + i).append(",United Kingdom ").append(i).append(",0.0100,0,60,60,2026-01-01,,USD\n");
        }
        assertTrue(csv.length() > 4096 * 4, "the deck is well over http.body-limit (4096 bytes here)");
        HttpResponse<String> imported = send("POST", "/v1/decks?carrier=omega&service=voice&filename=omega.csv",
                "text/csv", csv.toString());
        assertEquals(201, imported.statusCode(), imported.body());
        assertEquals(400, new JsonObject(imported.body()).getLong("rows_accepted"));
        // while a JSON body over the limit is refused
        HttpResponse<String> big = send("POST", "/v1/calls", "application/json",
                "{\"to\":\"" + LONDON + "\",\"from\":\"" + CALLER + "\",\"caller_name\":\"" + "x".repeat(5000) + "\"}");
        assertField(big, 413, "body");
    }

    @Test
    void theEventStreamStillUpgrades() throws Exception {
        var client = node.vertx().createWebSocketClient();
        try {
            CompletableFuture<String> first = new CompletableFuture<>();
            client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                            .setURI("/v1/events?types=call.*").addHeader("Authorization", "Bearer " + io.switchboard.node.TestNodes.ADMIN_KEY))
                    .onSuccess(ws -> ws.textMessageHandler(first::complete))
                    .onFailure(first::completeExceptionally);
            assertEquals("stream.opened", new JsonObject(first.get(10, TimeUnit.SECONDS)).getString("type"));
        } finally {
            client.close();
        }
    }

    @Test
    void theDocumentIsServedWithoutAKey() throws Exception {
        HttpResponse<String> document = send("GET", "/openapi.yaml", null, null);
        assertEquals(200, document.statusCode());
        assertTrue(document.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        assertEquals(ApiContract.readResource(), document.body());
        assertNotNull(document.headers().firstValue("X-Request-Id").orElse(null));
    }

    private static ApiContract contract() throws Exception {
        return ApiContract.load(node.vertx()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** @return a path with every parameter ({@code :id}, {@code {id}}) as {@code {}} */
    private static String normalize(String path) {
        return path.replaceAll(":[A-Za-z_][A-Za-z0-9_]*", "{}").replaceAll("\\{[^}]*}", "{}");
    }

    private static void refused(String method, String path, String json, int status, String field) throws Exception {
        assertField(send(method, path, json == null ? null : "application/json", json), status, field);
    }

    private static void assertField(HttpResponse<String> response, int status, String field) {
        String where = response.request().method() + " " + response.request().uri() + " -> " + response.body();
        assertEquals(status, response.statusCode(), where);
        JsonObject error = error(response);
        assertEquals("TEL-011", error.getString("code"), where);
        assertEquals(field, error.getJsonObject("details").getString("field"), where);
        if (status != 413) { // the body limit's message is ErrorResponses' own
            assertTrue(error.getString("message").startsWith(field + ": "), where);
        }
    }

    private static JsonObject error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error");
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
