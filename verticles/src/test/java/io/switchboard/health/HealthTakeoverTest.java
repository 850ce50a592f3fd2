package io.switchboard.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.HealthList;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.switchboard.storage.DatabaseTarget;
import io.switchboard.storage.EmbeddedDatabase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two health-monitors in one cluster: both track every carrier, only the active one (the older
 * member) writes the health log; when its node leaves, the other takes over with the state it
 * already had and writes from then on.
 */
class HealthTakeoverTest {

    @TempDir
    Path dir;

    private static Attempt attempt(AttemptOutcome outcome) {
        Instant now = Instant.now();
        return new Attempt(UUID.randomUUID().toString(), "call", "x", 1, now.minusMillis(40), now, outcome,
                outcome == AttemptOutcome.SUCCESS ? null : ErrorCode.TEL_006, null, null, null, null, null);
    }

    private static List<String> log(DatabaseTarget db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT from_state || '>' || to_state FROM carrier_health_log "
                     + "WHERE carrier_id = 'x' ORDER BY id")) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static HealthList list(EventBus bus) {
        return bus.<HealthList>request(Addresses.HEALTH_LIST, null).await().body();
    }

    @Test
    void theOtherMonitorTakesOverWarmWhenTheActiveOneLeaves() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), 0)) {
            DatabaseTarget db = database.target();
            String url = "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database();
            int clusterPort = TestNodes.freePort();
            JsonObject layer = TestNodes.isolated(dir.resolve("unused"))
                    .put("database", new JsonObject().put("url", url))
                    .put("health", new JsonObject().put("publish-interval-ms", 200));
            layer.getJsonObject("cluster").put("name", "takeover-" + UUID.randomUUID()).put("port", clusterPort)
                    .put("members", new JsonArray().add("127.0.0.1"));
            Node a = Node.start(TestNodes.config(layer), "monitor-a");
            JsonObject layerB = layer.copy();
            layerB.put("node", new JsonObject().put("roles", new JsonArray().add("health-monitor")));
            Node b = null;
            try {
                b = Node.start(TestNodes.config(layerB), "monitor-b");
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                     Statement s = c.createStatement()) {
                    s.execute("INSERT INTO carriers (id, provider, display_name) VALUES ('x', 'x', 'X')");
                }
                EventBus busA = a.vertx().eventBus();
                await(() -> "monitor-a".equals(list(busA).activeMonitor()), "monitor-a active");

                for (int i = 0; i < 3; i++) {
                    busA.publish(Addresses.CARRIER_OUTCOMES, attempt(AttemptOutcome.RETRYABLE_FAILURE));
                }
                await(() -> {
                    try {
                        return log(db).equals(List.of("healthy>down"));
                    } catch (Exception e) {
                        return false;
                    }
                }, "the down transition in the log");
                Thread.sleep(1_000);
                assertEquals(List.of("healthy>down"), log(db), "written once, by the active monitor only");

                a.stop();
                EventBus busB = b.vertx().eventBus();
                await(() -> "monitor-b".equals(list(busB).activeMonitor()), "monitor-b takes over");
                HealthList seenByB = list(busB);
                assertEquals("down", seenByB.data().stream().filter(h -> h.carrier().equals("x")).findFirst()
                        .orElseThrow().state(), "the standby already knew");

                busB.publish(Addresses.CARRIER_OUTCOMES, attempt(AttemptOutcome.SUCCESS));
                busB.publish(Addresses.CARRIER_OUTCOMES, attempt(AttemptOutcome.SUCCESS));
                await(() -> {
                    try {
                        return log(db).size() == 2;
                    } catch (Exception e) {
                        return false;
                    }
                }, "the recovery written by the new active monitor");
                assertTrue(log(db).get(1).startsWith("down>"), log(db).toString());
            } finally {
                a.stop();
                if (b != null) {
                    b.stop();
                }
            }
        }
    }
}
