package io.switchboard.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole node in this JVM: cluster of one, embedded PostgreSQL, HTTP and management servers. */
class NodeTest {

    @TempDir
    static Path dataDir;

    private static Node node;
    private static int httpPort;
    private static int managementPort;
    private static JsonObject layer;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static SwitchboardConfig config(JsonObject overrides) {
        Vertx reader = Vertx.vertx();
        try {
            return new ConfigLoader(reader).load(null, Map.of(), overrides);
        } finally {
            reader.close();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        int clusterPort = freePort();
        layer = new JsonObject()
                .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("body-limit", 1024))
                .put("grpc", new JsonObject().put("port", 0))
                .put("management", new JsonObject().put("host", "127.0.0.1").put("port", 0))
                .put("database", new JsonObject().put("embedded", new JsonObject()
                        .put("data-dir", dataDir.toString()).put("port", 0)))
                .put("cluster", new JsonObject().put("name", "node-test-" + UUID.randomUUID())
                        .put("port", clusterPort).put("members", new JsonArray().add("127.0.0.1:" + clusterPort)))
                .put("secrets", new JsonObject().put("key-file", dataDir.resolve("secret.key").toString()))
                .put("sip", new JsonObject().put("udp-port", 0).put("tcp-port", 0))
                .put("api", new JsonObject().put("bootstrap-admin-key", TestNodes.ADMIN_KEY));
        node = Node.start(config(layer), "node-test");
        httpPort = node.httpPort();
        managementPort = node.managementPort();
    }

    @AfterAll
    static void stop() {
        node.stop();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyOnBothPortsWithEveryCheckUp() throws Exception {
        for (int port : new int[] {httpPort, managementPort}) {
            HttpResponse<String> ready = get(port, "/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            JsonObject body = new JsonObject(ready.body());
            assertEquals("UP", body.getString("outcome", body.getString("status")));
            JsonArray checks = body.getJsonArray("checks");
            assertEquals(3, checks.size(), ready.body());
            for (Object check : checks) {
                assertEquals("UP", ((JsonObject) check).getString("status"), ready.body());
            }
            assertEquals(200, get(port, "/health/live").statusCode());
        }
    }

    @Test
    void metricsArePrometheusTextWithJvmHttpEventBusAndPoolMetrics() throws Exception {
        get(httpPort, "/health/ready");
        HttpResponse<String> metrics = get(managementPort, "/metrics");
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        for (String family : new String[] {"jvm_memory_used_bytes", "vertx_http_server_requests_total",
                "vertx_eventbus_handlers", "vertx_pool_"}) {
            assertTrue(text.contains(family), "no " + family + " in /metrics");
        }
        assertTrue(text.contains("node=\"node-test\""), "metrics carry the node tag");
    }

    @Test
    void unknownPathIsTel013Json() throws Exception {
        HttpResponse<String> response = get(httpPort, "/v1/nothing-here");
        assertEquals(404, response.statusCode());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("TEL-013", error.getString("code"));
        assertTrue(error.getString("message").contains("/v1/nothing-here"));
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
    }

    @Test
    void requestIdIsEchoed() throws Exception {
        HttpResponse<String> response = HTTP.send(io.switchboard.node.TestNodes.request(
                        URI.create("http://127.0.0.1:" + httpPort + "/health/live")).header("X-Request-Id", "req-42").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("req-42", response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void bodyOverTheLimitIs413Tel011() throws Exception {
        HttpResponse<String> response = HTTP.send(io.switchboard.node.TestNodes.request(
                        URI.create("http://127.0.0.1:" + httpPort + "/v1/calls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pad\":\"" + "x".repeat(4096) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals("TEL-011", new JsonObject(response.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void statusNamesTheNodeAndItsRoles() {
        var status = node.status();
        assertEquals("node-test", status.nodeId());
        assertTrue(status.ready());
        assertEquals(6, status.roles().size());
        assertEquals(1, status.clusterSize());
    }

    @Test
    void secondNodeOnABusyPortFailsWithOneLineNamingTheSetting() {
        JsonObject clash = layer.copy();
        clash.getJsonObject("http").put("port", httpPort);
        int clusterPort = clash.getJsonObject("cluster").getInteger("port") + 20;
        clash.getJsonObject("cluster").put("name", "clash-" + UUID.randomUUID()).put("port", clusterPort)
                .put("members", new JsonArray().add("127.0.0.1:" + clusterPort));
        clash.getJsonObject("management").put("port", 0);
        clash.getJsonObject("database").getJsonObject("embedded").put("data-dir", dataDir.resolve("clash").toString());
        StartupException error = assertThrows(StartupException.class, () -> Node.start(config(clash), "clash"));
        assertEquals("http.port: " + httpPort + " on 127.0.0.1 is already in use", error.getMessage());
    }
}
