package io.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys, scopes, tenants and the audit log against one real node (embedded PostgreSQL, sandbox
 * Twilio): authentication failures of every kind, scope checks, rotation, revocation, expiry, IP
 * allow-lists, suspension, and a tenant that tries every endpoint with another tenant's ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysAndTenantsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final String LONDON = "+442071838750";
    private static final String CALLER = "+442079460000";
    private static final String PARIS = "+33142685300";

    @TempDir
    static Path dataDir;
    private Node node;
    private int port;
    private String tenantA;
    private String tenantB;
    private String keyA;
    private String keyB;

    @BeforeAll
    void start() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir)
                .put("sandbox", new JsonObject().put("enabled", "true").put("providers", new JsonArray().add("twilio"))
                        .put("busy-percent", 0).put("no-answer-percent", 0).put("failed-percent", 0)
                        .put("ring-ms", 50).put("duration-min-ms", 200).put("duration-max-ms", 200));
        layer.getJsonObject("api").put("last-used-flush-ms", 200);
        node = Node.start(TestNodes.config(layer), "keys-test");
        port = node.httpPort();
        deck("voice", "44,United Kingdom,0.0050,0,6,6,2026-01-01,,USD\n");
        deck("sms", "44,United Kingdom,0.0400,0,1,1,2026-01-01,,USD\n");
        tenantA = tenant("acme-" + System.nanoTime(), "growth");
        tenantB = tenant("globex-" + System.nanoTime(), "starter");
        keyA = key(tenantA, "calls:write", "calls:read", "messages:write", "messages:read", "cdrs:read", "keys:write",
                "webhooks:read", "webhooks:write").getString("key");
        keyB = key(tenantB, "calls:write", "calls:read", "messages:read", "cdrs:read", "keys:write", "webhooks:write")
                .getString("key");
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void requestsWithoutAValidKeyAreRefusedAndAudited() throws Exception {
        HttpResponse<String> missing = send("GET", "/v1/calls", null, null);
        assertEquals(401, missing.statusCode());
        assertEquals("TEL-008", code(missing));
        assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("TEL-008", code(send("GET", "/v1/calls", "sk_live_short", null)));
        assertEquals("TEL-008", code(send("GET", "/v1/calls", "sk_live_" + "x".repeat(32), null)), "unknown key");
        String forged = keyA.substring(0, 16) + "Z".repeat(24);
        assertEquals("TEL-008", code(send("GET", "/v1/calls", forged, null)), "right prefix, wrong secret");
        HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/calls"))
                .header("Authorization", "Basic " + keyA).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode(), "only the Bearer scheme");
        assertEquals(200, send("GET", "/health/live", null, null).statusCode(), "health stays public");

        JsonArray failures = audit("auth.failed");
        assertTrue(failures.stream().map(JsonObject.class::cast).anyMatch(e -> ("key:" + forged.substring(0, 16))
                .equals(e.getString("actor")) && "unknown key".equals(e.getJsonObject("details").getString("reason"))
                && "127.0.0.1".equals(e.getString("remote_address")) && tenantA.equals(e.getString("tenant_id"))),
                failures.encodePrettily());
        assertFalse(failures.encode().contains(forged), "the audit log never holds a presented key");
    }

    @Test
    void scopesLimitWhatAKeyMayDo() throws Exception {
        assertEquals(200, send("GET", "/v1/cdrs", keyA, null).statusCode());
        HttpResponse<String> noScope = send("POST", "/v1/decks?carrier=twilio&service=voice", keyA, HEADER);
        assertEquals(403, noScope.statusCode());
        assertEquals("TEL-005", code(noScope));
        assertEquals("TEL-005", code(send("GET", "/v1/audit", keyA, null)));
        assertEquals("TEL-005", code(send("POST", "/v1/tenants", keyA, "{\"name\":\"x\"}")));
        assertEquals("TEL-005", code(send("POST", "/v1/messages", keyB, new JsonObject().put("to", LONDON)
                .put("from", CALLER).put("body", "hi").encode())), "B lacks messages:write");

        HttpResponse<String> escalate = send("POST", "/v1/keys", keyA, "{\"scopes\":[\"routes:read\"]}");
        assertEquals("TEL-005", code(escalate), "a key cannot grant a scope it lacks");
        assertEquals("TEL-011", code(send("POST", "/v1/keys", TestNodes.ADMIN_KEY, new JsonObject()
                .put("tenant_id", tenantA).put("scopes", new JsonArray().add("admin")).encode())), "admin is for the operator");
        assertEquals("TEL-011", code(send("POST", "/v1/keys", keyA, "{\"scopes\":[\"calls:fly\"]}")));
        assertEquals("TEL-011", code(send("POST", "/v1/keys", keyA, "{\"scopes\":[\"calls:read\"],\"ip_allow\":[\"10.0.0.0/33\"]}")));
        assertEquals("TEL-011", code(send("POST", "/v1/keys", keyA, "{\"scopes\":[\"calls:read\"],\"expires_at\":\"tomorrow\"}")));
        assertEquals("TEL-011", code(send("POST", "/v1/keys", keyA, "{\"scopes\":[\"calls:read\"],\"colour\":\"red\"}")));

        JsonObject own = new JsonObject(send("POST", "/v1/keys", keyA, "{\"scopes\":[\"calls:read\"],\"mode\":\"test\"}").body());
        assertTrue(own.getString("key").startsWith("sk_test_"));
        assertEquals(tenantA, own.getString("tenant_id"));
        assertEquals(200, send("GET", "/v1/calls", own.getString("key"), null).statusCode());
        assertEquals("TEL-005", code(send("POST", "/v1/calls", own.getString("key"), "{}")), "read-only key");
        assertEquals("TEL-005", code(send("POST", "/v1/keys", own.getString("key"), "{\"scopes\":[\"calls:read\"]}")));
    }

    @Test
    void keysAreShownOnceRevokedAtOnceRotatedWithGraceExpiredAndBoundToAddresses() throws Exception {
        JsonObject created = key(tenantA, "calls:read");
        String secret = created.getString("key");
        assertEquals(200, send("GET", "/v1/calls", secret, null).statusCode());
        String listing = send("GET", "/v1/keys", keyA, null).body();
        assertTrue(listing.contains(created.getString("id")));
        assertFalse(listing.contains(secret), "a listing never shows a secret");
        awaitTrue("last_used_at written in a batch", () -> new JsonObject(send("GET", "/v1/keys", keyA, null).body())
                .getJsonArray("data").stream().map(JsonObject.class::cast)
                .anyMatch(k -> k.getString("id").equals(created.getString("id")) && k.getString("last_used_at") != null));

        // rotation: the new key works, the old one too until its grace ends
        JsonObject rotated = new JsonObject(send("POST", "/v1/keys/" + created.getString("id") + "/rotate", keyA,
                "{\"grace_seconds\":3600}").body());
        String fresh = rotated.getJsonObject("new").getString("key");
        assertEquals(200, send("GET", "/v1/calls", fresh, null).statusCode());
        assertEquals(200, send("GET", "/v1/calls", secret, null).statusCode(), "old key within its grace");
        assertNotNull(rotated.getJsonObject("old").getString("grace_until"));
        JsonObject rotatedNow = new JsonObject(send("POST", "/v1/keys/" + rotated.getJsonObject("new").getString("id")
                + "/rotate", keyA, "{\"grace_seconds\":0}").body());
        assertEquals("TEL-008", code(send("GET", "/v1/calls", fresh, null)), "no grace: the old key stops at once");
        assertEquals(200, send("GET", "/v1/calls", rotatedNow.getJsonObject("new").getString("key"), null).statusCode());

        // revocation takes effect on the next request, cache or not
        String newest = rotatedNow.getJsonObject("new").getString("key");
        HttpResponse<String> revoked = send("POST", "/v1/keys/" + rotatedNow.getJsonObject("new").getString("id") + "/revoke",
                keyA, null);
        assertEquals(200, revoked.statusCode(), revoked.body());
        HttpResponse<String> after = send("GET", "/v1/calls", newest, null);
        assertEquals(401, after.statusCode());
        assertTrue(after.body().contains("revoked"), after.body());

        // expiry
        JsonObject expiring = new JsonObject(send("POST", "/v1/keys", keyA, new JsonObject()
                .put("scopes", new JsonArray().add("calls:read"))
                .put("expires_at", Instant.now().plusSeconds(2).toString()).encode()).body());
        assertEquals(200, send("GET", "/v1/calls", expiring.getString("key"), null).statusCode());
        Thread.sleep(2_200);
        HttpResponse<String> expired = send("GET", "/v1/calls", expiring.getString("key"), null);
        assertEquals("TEL-008", code(expired));
        assertTrue(expired.body().contains("expired"), expired.body());

        // IP allow-list
        String elsewhere = new JsonObject(send("POST", "/v1/keys", keyA,
                "{\"scopes\":[\"calls:read\"],\"ip_allow\":[\"10.0.0.0/8\",\"2001:db8::/32\"]}").body()).getString("key");
        HttpResponse<String> wrongIp = send("GET", "/v1/calls", elsewhere, null);
        assertEquals(403, wrongIp.statusCode());
        assertEquals("TEL-005", code(wrongIp));
        String local = new JsonObject(send("POST", "/v1/keys", keyA,
                "{\"scopes\":[\"calls:read\"],\"ip_allow\":[\"127.0.0.0/8\"]}").body()).getString("key");
        assertEquals(200, send("GET", "/v1/calls", local, null).statusCode());

        JsonArray changes = audit("key.*");
        assertTrue(changes.stream().map(JsonObject.class::cast).anyMatch(e -> "key.revoke".equals(e.getString("action"))));
        assertTrue(changes.stream().map(JsonObject.class::cast).anyMatch(e -> "key.rotate".equals(e.getString("action"))));
        assertFalse(changes.encode().contains(secret) || changes.encode().contains(fresh), "no secret in the audit log");
    }

    @Test
    void theEventStreamNeedsAKeyWithEventsRead() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/v1/events");
        java.util.concurrent.CompletionException none = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.CompletionException.class, () -> HTTP.newWebSocketBuilder()
                        .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).join());
        assertTrue(none.getCause() instanceof java.net.http.WebSocketHandshakeException handshake
                && handshake.getResponse().statusCode() == 401, String.valueOf(none.getCause()));
        java.util.concurrent.CompletionException scope = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.CompletionException.class, () -> HTTP.newWebSocketBuilder()
                        .header("Authorization", "Bearer " + keyA)
                        .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).join());
        assertTrue(scope.getCause() instanceof java.net.http.WebSocketHandshakeException handshake
                && handshake.getResponse().statusCode() == 403, "A's key lacks events:read");
        String reader = key(tenantA, "events:read").getString("key");
        java.net.http.WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + reader)
                .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSuspendedTenantsKeysStopWorkingAtOnce() throws Exception {
        String tenant = tenant("initech-" + System.nanoTime(), "business");
        String key = key(tenant, "calls:read").getString("key");
        assertEquals(200, send("GET", "/v1/calls", key, null).statusCode());
        HttpResponse<String> suspended = send("PATCH", "/v1/tenants/" + tenant, TestNodes.ADMIN_KEY, "{\"status\":\"suspended\"}");
        assertEquals(200, suspended.statusCode(), suspended.body());
        assertEquals("TEL-008", code(send("GET", "/v1/calls", key, null)));
        assertEquals(200, send("PATCH", "/v1/tenants/" + tenant, TestNodes.ADMIN_KEY, "{\"status\":\"active\"}").statusCode());
        assertEquals(200, send("GET", "/v1/calls", key, null).statusCode());
        JsonObject update = audit("tenant.update").getJsonObject(0);
        assertEquals("active", update.getJsonObject("details").getJsonObject("after").getString("status"));
        assertEquals("suspended", update.getJsonObject("details").getJsonObject("before").getString("status"));
        assertEquals("TEL-011", code(send("PATCH", "/v1/tenants/" + Tenants.DEFAULT, TestNodes.ADMIN_KEY,
                "{\"status\":\"suspended\"}")), "the operator tenant cannot lock itself out");
        assertEquals("TEL-011", code(send("PATCH", "/v1/tenants/" + tenant, TestNodes.ADMIN_KEY, "{\"plan\":\"platinum\"}")));
        assertEquals("TEL-011", code(send("PATCH", "/v1/tenants/" + tenant, TestNodes.ADMIN_KEY,
                "{\"limits\":{\"warp_per_second\":9}}")), "unknown limit");
        assertEquals("TEL-011", code(send("PATCH", "/v1/tenants/" + tenant, TestNodes.ADMIN_KEY, "{\"spend_cap\":12.5}")),
                "money is a decimal string");
        assertEquals("TEL-011", code(send("POST", "/v1/tenants", TestNodes.ADMIN_KEY, new JsonObject()
                .put("name", "initech-dup").encode().replace("initech-dup", tenantName(tenant)))), "names are unique");
    }

    @Test
    void aTenantCannotReachAnotherTenantsResources() throws Exception {
        HttpResponse<String> call = send("POST", "/v1/calls", keyA, new JsonObject().put("to", LONDON).put("from", CALLER).encode());
        assertEquals(201, call.statusCode(), call.body());
        String callId = new JsonObject(call.body()).getString("id");
        HttpResponse<String> message = send("POST", "/v1/messages", keyA, new JsonObject().put("to", LONDON)
                .put("from", CALLER).put("body", "hello").encode());
        assertEquals(201, message.statusCode(), message.body());
        String messageId = new JsonObject(message.body()).getString("id");
        String keyIdA = new JsonObject(send("GET", "/v1/keys", keyA, null).body()).getJsonArray("data").stream()
                .map(JsonObject.class::cast).filter(k -> k.getString("prefix").equals(keyA.substring(0, 16)))
                .findFirst().orElseThrow().getString("id");

        awaitTrue("A reads its call", () -> send("GET", "/v1/calls/" + callId, keyA, null).statusCode() == 200);
        assertEquals("TEL-013", code(send("GET", "/v1/calls/" + callId, keyB, null)));
        assertEquals("TEL-013", code(send("POST", "/v1/calls/" + callId + "/hangup", keyB, null)));
        assertEquals("TEL-013", code(send("GET", "/v1/messages/" + messageId, keyB, null)));
        assertEquals("TEL-013", code(send("GET", "/v1/tenants/" + tenantA, keyB, null)));
        assertEquals(200, send("GET", "/v1/tenants/" + tenantB, keyB, null).statusCode(), "its own tenant");
        assertEquals("TEL-013", code(send("POST", "/v1/keys/" + keyIdA + "/revoke", keyB, null)));
        assertEquals("TEL-013", code(send("POST", "/v1/keys/" + keyIdA + "/rotate", keyB, null)));
        assertEquals("TEL-005", code(send("GET", "/v1/keys?tenant_id=" + tenantA, keyB, null)));
        assertEquals("TEL-005", code(send("POST", "/v1/keys", keyB, new JsonObject().put("tenant_id", tenantA)
                .put("scopes", new JsonArray().add("calls:read")).encode())));
        assertEquals("TEL-013", code(send("POST", "/v1/webhooks/deliveries/1/replay", keyB, null)));
        assertEquals(200, send("GET", "/v1/calls/" + callId, keyA, null).statusCode(), "A's key still works");

        awaitTrue("A's CDRs are written", () -> send("GET", "/v1/cdrs", keyA, null).body().contains(callId));
        assertFalse(send("GET", "/v1/cdrs", keyB, null).body().contains(callId), "B's CDRs never show A's calls");
        assertFalse(send("GET", "/v1/cdrs?format=csv", keyB, null).body().contains(callId));
        assertFalse(send("GET", "/v1/calls", keyB, null).body().contains(callId));
        assertTrue(send("GET", "/v1/calls", keyA, null).body().contains(callId));
        assertEquals("[]", new JsonObject(send("GET", "/v1/costs", keyB, null).body()).getJsonArray("data", new JsonArray())
                .encode(), "B spent nothing");
    }

    @Test
    void aTestKeyReachesOnlySandboxCarriers() throws Exception {
        // a carrier registered by its first deck is a live one; it is the only one covering France
        HttpResponse<String> imported = send("POST", "/v1/decks?carrier=livewire&service=voice", TestNodes.ADMIN_KEY,
                HEADER + "33,France,0.0010,0,6,6,2026-01-01,,USD\n");
        assertEquals(201, imported.statusCode(), imported.body());
        HttpResponse<String> created = send("POST", "/v1/keys", TestNodes.ADMIN_KEY, new JsonObject().put("tenant_id", tenantA)
                .put("scopes", new JsonArray().add("calls:write").add("calls:read").add("routes:read"))
                .put("mode", "test").encode());
        assertEquals(201, created.statusCode(), created.body());
        String testKey = new JsonObject(created.body()).getString("key");
        assertTrue(testKey.startsWith("sk_test_"), testKey);

        // routers load a published version asynchronously: wait until it is in the plan
        awaitTrue("livewire's deck is routed", () -> send("GET", "/v1/routes?to=%2B" + PARIS.substring(1),
                TestNodes.ADMIN_KEY, null).body().contains("\"candidates\":[{"));
        JsonObject livePlan = new JsonObject(send("GET", "/v1/routes?to=%2B" + PARIS.substring(1), TestNodes.ADMIN_KEY, null).body());
        assertEquals("livewire", livePlan.getJsonArray("candidates", new JsonArray()).stream()
                .map(c -> ((JsonObject) c).getString("carrier")).findFirst().orElse(null),
                "a live key reaches the live carrier: " + livePlan);

        JsonObject testPlan = new JsonObject(send("GET", "/v1/routes?to=%2B" + PARIS.substring(1), testKey, null).body());
        assertTrue(testPlan.getJsonArray("candidates").isEmpty(), testPlan.encode());
        JsonObject excluded = testPlan.getJsonArray("excluded").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("carrier").equals("livewire")).findFirst().orElseThrow();
        assertEquals("tenant_policy", excluded.getString("reason"));
        assertTrue(excluded.getString("detail").contains("sk_test_"), excluded.encode());

        HttpResponse<String> paris = send("POST", "/v1/calls", testKey, new JsonObject().put("to", PARIS)
                .put("from", CALLER).encode());
        assertTrue(java.util.Set.of("TEL-002", "TEL-601").contains(code(paris)), paris.body());

        HttpResponse<String> london = send("POST", "/v1/calls", testKey, new JsonObject().put("to", LONDON)
                .put("from", CALLER).encode());
        assertEquals(201, london.statusCode(), london.body());
        assertEquals("twilio", new JsonObject(london.body()).getString("carrier"), "the sandbox carrier: " + london.body());
    }

    private void deck(String service, String rows) throws Exception {
        HttpResponse<String> imported = send("POST", "/v1/decks?carrier=twilio&service=" + service, TestNodes.ADMIN_KEY,
                HEADER + rows);
        assertEquals(201, imported.statusCode(), imported.body());
    }

    private String tenant(String name, String plan) throws Exception {
        HttpResponse<String> created = send("POST", "/v1/tenants", TestNodes.ADMIN_KEY, new JsonObject().put("name", name)
                .put("plan", plan).put("spend_cap", "100.00").put("limits", new JsonObject().put("voice_per_second", 3)).encode());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject tenant = new JsonObject(created.body());
        assertTrue(tenant.getString("webhook_secret").startsWith("whsec_"), "the webhook secret is shown at creation");
        JsonObject read = new JsonObject(send("GET", "/v1/tenants/" + tenant.getString("id"), TestNodes.ADMIN_KEY, null).body());
        assertNull(read.getString("webhook_secret"), "and never again");
        assertEquals("100.000000", read.getString("spend_cap"));
        return tenant.getString("id");
    }

    private String tenantName(String id) throws Exception {
        return new JsonObject(send("GET", "/v1/tenants/" + id, TestNodes.ADMIN_KEY, null).body()).getString("name");
    }

    private JsonObject key(String tenant, String... scopes) throws Exception {
        HttpResponse<String> created = send("POST", "/v1/keys", TestNodes.ADMIN_KEY, new JsonObject().put("tenant_id", tenant)
                .put("scopes", new JsonArray(java.util.List.of(scopes))).put("description", "test").encode());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject key = new JsonObject(created.body());
        assertTrue(key.getString("key").startsWith("sk_live_"), "an admin (live) key creates live keys by default");
        assertEquals(key.getString("key").substring(0, 16), key.getString("prefix"));
        return key;
    }

    private JsonArray audit(String action) throws Exception {
        HttpResponse<String> page = send("GET", "/v1/audit?action=" + action + "&limit=200", TestNodes.ADMIN_KEY, null);
        assertEquals(200, page.statusCode(), page.body());
        return new JsonObject(page.body()).getJsonArray("data");
    }

    private static String code(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("code");
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", path.startsWith("/v1/decks") ? "text/csv" : "application/json")
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
