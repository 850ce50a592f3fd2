package io.switchboard.api.security;

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
import java.time.Duration;

/**
 * A node for the security tests: sandbox Twilio with voice and SMS decks for +44, a tenant of its
 * own with a key holding every tenant scope, and helpers to send requests and count the tenant's
 * stored calls and messages.
 */
final class SecuredNode implements AutoCloseable {

    static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Node node;
    final String tenant;
    final String key;

    private SecuredNode(Node node, String tenant, String key) {
        this.node = node;
        this.tenant = tenant;
        this.key = key;
    }

    static SecuredNode start(Path dataDir, String name) throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir)
                .put("sandbox", new JsonObject().put("enabled", "true").put("providers", new JsonArray().add("twilio"))
                        .put("busy-percent", 0).put("no-answer-percent", 0).put("failed-percent", 0)
                        .put("ring-ms", 50).put("duration-min-ms", 100).put("duration-max-ms", 100));
        Node node = Node.start(TestNodes.config(layer), name);
        SecuredNode secured = new SecuredNode(node, null, null);
        for (String service : new String[] {"voice", "sms"}) {
            HttpResponse<String> deck = secured.send("POST", "/v1/decks?carrier=twilio&service=" + service,
                    TestNodes.ADMIN_KEY, "text/csv", HEADER + "44,United Kingdom,0.0050,0,1,1,2026-01-01,,USD\n");
            if (deck.statusCode() != 201) {
                throw new AssertionError(deck.body());
            }
        }
        JsonObject tenant = new JsonObject(secured.send("POST", "/v1/tenants", TestNodes.ADMIN_KEY, "application/json",
                new JsonObject().put("name", name + "-tenant").put("plan", "enterprise").encode()).body());
        JsonObject key = new JsonObject(secured.send("POST", "/v1/keys", TestNodes.ADMIN_KEY, "application/json",
                new JsonObject().put("tenant_id", tenant.getString("id")).put("scopes", new JsonArray()
                        .add("calls:write").add("calls:read").add("messages:write").add("messages:read")
                        .add("cdrs:read").add("routes:read").add("webhooks:read").add("webhooks:write")).encode()).body());
        return new SecuredNode(node, tenant.getString("id"), key.getString("key"));
    }

    HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        return send(method, pathAndQuery, key, "application/json", body);
    }

    /**
     * Sends on a connection of its own: for requests the server may answer by closing the connection
     * (a request line over the limit gets 414 and a close), so that no other request finds a pooled
     * connection closed under it ("header parser received no bytes").
     */
    HttpResponse<String> sendAlone(String method, String pathAndQuery, String body) throws Exception {
        HttpClient alone = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return alone.send(request(method, pathAndQuery, key, "application/json", body), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String pathAndQuery, String apiKey, String contentType, String body)
            throws Exception {
        return HTTP.send(request(method, pathAndQuery, apiKey, contentType, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String pathAndQuery, String apiKey, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request.build();
    }

    /** @return the tenant's stored calls plus messages, read from PostgreSQL */
    long storedRecords() throws Exception {
        var db = node.database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             var s = c.prepareStatement("SELECT (SELECT count(*) FROM calls WHERE tenant_id = ?::uuid) "
                     + "+ (SELECT count(*) FROM messages WHERE tenant_id = ?::uuid)")) {
            s.setString(1, tenant);
            s.setString(2, tenant);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        node.stop();
    }
}
