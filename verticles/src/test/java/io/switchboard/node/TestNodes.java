package io.switchboard.node;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** Nodes for in-JVM tests: free ports, a private cluster name, an embedded PostgreSQL in a folder. */
public final class TestNodes {

    /** The admin key of every test node ({@code api.bootstrap-admin-key}; operator tenant, scope admin). */
    public static final String ADMIN_KEY = "sk_live_AdminKeyOfTestNodes0000000000000";

    private TestNodes() {
    }

    /** @return a request builder for {@code uri} carrying {@link #ADMIN_KEY} as {@code Authorization: Bearer} */
    public static java.net.http.HttpRequest.Builder request(java.net.URI uri) {
        return java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + ADMIN_KEY);
    }

    /** @return a TCP port free right now */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * @return a configuration layer for a node alone in its own cluster, storing data under
     *     {@code dataDir}, its HTTP servers on ports the system picks ({@link Node#httpPort()},
     *     {@link Node#managementPort()} tell which), its secrets key and CDR journal in {@code dataDir} and no
     *     sandbox carriers (a test that wants them sets {@code sandbox.enabled}); its admin key is {@link #ADMIN_KEY};
     *     no rate or concurrent-call limits (tests poll the API faster than the plans allow; the limits' own tests
     *     set {@code limits.enabled})
     */
    public static JsonObject isolated(Path dataDir) throws IOException {
        int httpPort = 0;
        int clusterPort = freePort();
        return new JsonObject()
                .put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort))
                .put("management", new JsonObject().put("host", "127.0.0.1").put("port", 0))
                .put("grpc", new JsonObject().put("port", 0))
                .put("database", new JsonObject().put("embedded", new JsonObject()
                        .put("data-dir", dataDir.toString()).put("port", 0)))
                .put("cluster", new JsonObject().put("name", "test-" + UUID.randomUUID())
                        .put("port", clusterPort).put("members", new JsonArray().add("127.0.0.1:" + clusterPort)))
                .put("secrets", new JsonObject().put("key-file", dataDir.resolve("secret.key").toString()))
                .put("cdr", new JsonObject().put("journal-dir", dataDir.resolve("journal").toString()))
                .put("sandbox", new JsonObject().put("enabled", "false"))
                .put("api", new JsonObject().put("bootstrap-admin-key", ADMIN_KEY))
                .put("limits", new JsonObject().put("enabled", false))
                .put("sip", new JsonObject().put("udp-port", 0).put("tcp-port", 0));
    }

    /** @return the validated configuration of defaults plus {@code layer} */
    public static SwitchboardConfig config(JsonObject layer) {
        Vertx reader = Vertx.vertx();
        try {
            return new ConfigLoader(reader).load(null, Map.of(), layer);
        } finally {
            reader.close();
        }
    }
}
