package io.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.bus.NodeStatus;
import io.switchboard.contract.bus.Role;
import io.switchboard.contract.bus.RoleStatus;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's "done when", with real processes: a node started with {@code java -jar} on
 * an embedded PostgreSQL becomes ready and serves metrics; a second node with {@code --roles
 * router} (on Java 25 when the machine has it) joins and takes work; a client Vert.x in this JVM
 * joins the cluster with only the shared jar and vertx-hazelcast and gets replies; SIGTERM stops
 * nodes gracefully; a restarted node finds its data again.
 */
class ClusterProcessTest {

    private static final Duration READY = Duration.ofSeconds(120);

    @TempDir
    Path work;

    private Map<String, String> env(String cluster, int clusterPort) {
        Map<String, String> env = NodeProcess.isolatedEnv(cluster, clusterPort, work.resolve("pg"));
        env.put("SWITCHBOARD_HTTP_HOST", "127.0.0.1");
        return env;
    }

    @Test
    void twoNodeClusterServesAClientInAnotherJvmAndSurvivesRestart() throws Exception {
        String cluster = "process-test-" + UUID.randomUUID();
        int clusterPort = 16_000 + (int) (Math.random() * 20_000);
        String java25 = NodeProcess.java25();
        String javaB = java25 != null ? java25 : NodeProcess.currentJava();

        Vertx client = null;
        try (NodeProcess a = NodeProcess.start(NodeProcess.currentJava(),
                env(cluster, clusterPort), work.resolve("a.log"), "run")) {
            NodeProcess.Ready readyOfA = a.awaitReady(READY);
            long coldMs = readyOfA.millis();
            int mgmtA = readyOfA.managementPort();
            int httpA = readyOfA.httpPort();
            int pgPort = a.embeddedDatabasePort();
            assertEquals(200, NodeProcess.get(httpA, "/health/ready").statusCode(), "ready on the API port too");
            String metrics = NodeProcess.get(mgmtA, "/metrics").body();
            assertTrue(metrics.contains("jvm_memory_used_bytes"), "metrics are served");

            Map<String, String> envB = env(cluster, clusterPort);
            envB.put("SWITCHBOARD_NODE_ID", "router-b");
            envB.put("SWITCHBOARD_DATABASE_EMBEDDED_DATA_DIR", work.resolve("pg-of-b-unused").toString());
            try (NodeProcess b = NodeProcess.start(javaB, envB, work.resolve("b.log"), "run", "--roles", "router",
                    "--log-format", "json")) {
                long joinMs = b.awaitReady(READY).millis();
                JsonObject readyA = new JsonObject(NodeProcess.get(mgmtA, "/health/ready").body());
                assertTrue(readyA.encode().contains("\"members\":2"), readyA.encode());
                assertTrue(b.output().contains("using the cluster's embedded PostgreSQL"),
                        "the second node shares the first node's database:\n" + b.output());
                JsonObject readyLine = b.output().lines().filter(l -> l.startsWith("{") && l.contains("ready in"))
                        .map(JsonObject::new).findFirst()
                        .orElseThrow(() -> new AssertionError("no JSON 'ready' log line:\n" + b.output()));
                assertEquals("INFO", readyLine.getString("level"));
                assertEquals("io.switchboard.node.Node", readyLine.getString("loggerName"));
                assertTrue(readyLine.getString("formattedMessage").startsWith("node router-b ready in"));

                client = joinAsClient(cluster, clusterPort);
                Set<String> routers = new HashSet<>();
                Map<String, NodeStatus> statuses = new HashMap<>();
                for (int i = 0; i < 20; i++) {
                    RoleStatus router = client.eventBus().<RoleStatus>request(Addresses.roleStatus(Role.ROUTER), null,
                            new DeliveryOptions().setSendTimeout(5_000)).await().body();
                    assertEquals(Role.ROUTER, router.role());
                    routers.add(router.nodeId());
                    NodeStatus status = client.eventBus().<NodeStatus>request(Addresses.NODE_STATUS, null,
                            new DeliveryOptions().setSendTimeout(5_000)).await().body();
                    statuses.put(status.nodeId(), status);
                }
                assertTrue(routers.contains("router-b"), "router-b takes router work: " + routers);
                assertEquals(2, routers.size(), "both nodes answer router requests: " + routers);
                NodeStatus statusB = statuses.get("router-b");
                assertEquals(java.util.List.of(Role.ROUTER), statusB.roles());
                assertEquals(3, statusB.clusterSize(), "two nodes and the client");
                assertTrue(statusB.ready());
                if (java25 != null) {
                    assertTrue(statusB.javaVersion().startsWith("25"), "node B runs on Java 25: " + statusB.javaVersion());
                }
                System.out.printf("node start (cold, with initdb): %d ms; second node join: %d ms on Java %s%n",
                        coldMs, joinMs, statusB.javaVersion());

                // A deck imported through node A's API is swapped into every router of the cluster.
                var upload = java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + httpA + "/v1/decks?carrier=acme&service=voice"))
                        .header("Authorization", "Bearer " + NodeProcess.ADMIN_KEY).POST(java.net.http.HttpRequest.BodyPublishers.ofString("prefix,destination,rate_per_min,"
                                + "connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n"
                                + "44,United Kingdom,0.0100,0,60,60,2026-01-01,,USD\n")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(201, upload.statusCode(), upload.body());
                Set<String> routersWithDeck = new HashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (routersWithDeck.size() < 2 && System.nanoTime() < deadline) {
                    client.eventBus().request(Addresses.ROUTER_PLAN, io.switchboard.contract.bus.RouteRequest.of(
                                    "cluster-swap", io.switchboard.contract.model.Service.VOICE,
                                    io.switchboard.contract.model.E164.parse("to", "+442071838750")),
                            new DeliveryOptions().setSendTimeout(5_000)).await();
                    Thread.sleep(100);
                    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                            "postgres", ""); Statement s = c.createStatement();
                         ResultSet r = s.executeQuery("SELECT DISTINCT node_id FROM routing_log WHERE request_id = "
                                 + "'cluster-swap' AND plan->'candidates'->0->>'carrier' = 'acme'")) {
                        while (r.next()) {
                            routersWithDeck.add(r.getString(1));
                        }
                    }
                }
                assertEquals(2, routersWithDeck.size(), "both nodes' routers decided with the new deck: " + routersWithDeck);
                assertTrue(routersWithDeck.contains("router-b"), routersWithDeck.toString());

                int exitB = b.terminate(Duration.ofSeconds(60));
                assertEquals(143, exitB, "SIGTERM ends the JVM through the shutdown hook:\n" + b.output());
                assertTrue(b.output().contains("node router-b stopped"), b.output());
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                    "postgres", ""); Statement s = c.createStatement()) {
                s.execute("INSERT INTO tenants (name) VALUES ('acme')");
            }
            client.close().await();
            client = null;
            assertEquals(143, a.terminate(Duration.ofSeconds(60)), a.output());
            assertTrue(a.output().contains("embedded PostgreSQL stopped"), a.output());
        } finally {
            if (client != null) {
                client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }

        try (NodeProcess again = NodeProcess.start(NodeProcess.currentJava(),
                env(cluster, clusterPort), work.resolve("a2.log"), "run")) {
            long warmMs = again.awaitReady(READY).millis();
            int pgPort = again.embeddedDatabasePort();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                    "postgres", ""); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM tenants WHERE name = 'acme'")) {
                r.next();
                assertEquals(1, r.getInt(1), "data written before the restart is still there");
            }
            System.out.printf("node restart on an existing data folder: %d ms%n", warmMs);
            assertEquals(143, again.terminate(Duration.ofSeconds(60)), again.output());
        }
    }

    /** Joins the cluster the way a service in another JVM would: shared jar + vertx-hazelcast. */
    private static Vertx joinAsClient(String cluster, int clusterPort) {
        Config config = new ClasspathXmlConfig("default-cluster.xml");
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().setPort(clusterPort).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
                .addMember("127.0.0.1");
        config.setProperty("hazelcast.tcp.join.port.try.count", "10");
        Vertx vertx = Vertx.builder()
                .with(new io.vertx.core.VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1")))
                .withClusterManager(new HazelcastClusterManager(config)).buildClustered().await();
        Codecs.registerAll(vertx.eventBus());
        return vertx;
    }
}
