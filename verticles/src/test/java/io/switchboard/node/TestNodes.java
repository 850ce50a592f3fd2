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

    private TestNodes() {
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
     *     sandbox carriers (a test that wants them sets {@code sandbox.enabled})
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
