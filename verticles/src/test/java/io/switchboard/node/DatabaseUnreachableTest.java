package io.switchboard.node;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A node whose database does not answer stops its start with one line naming database.url. */
class DatabaseUnreachableTest {

    @Test
    void refusedConnectionEndsTheStartNamingTheSetting() throws Exception {
        int closedPort = NodeTest.freePort();
        int clusterPort = NodeTest.freePort();
        JsonObject layer = new JsonObject()
                .put("management", new JsonObject().put("port", 0))
                .put("http", new JsonObject().put("port", 0))
                .put("grpc", new JsonObject().put("port", 0))
                .put("database", new JsonObject().put("url", "postgresql://sb:pw@127.0.0.1:" + closedPort + "/sb")
                        .put("connect-timeout-ms", 2000))
                .put("cluster", new JsonObject().put("name", "db-test-" + UUID.randomUUID()).put("port", clusterPort)
                        .put("members", new JsonArray().add("127.0.0.1:" + clusterPort)));
        StartupException error = assertThrows(StartupException.class,
                () -> Node.start(NodeTest.config(layer), "db-test"));
        assertTrue(error.getMessage().startsWith("database.url: cannot connect to 127.0.0.1:" + closedPort + "/sb: "),
                error.getMessage());
        assertTrue(error.getMessage().toLowerCase().contains("refused"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"));
    }
}
