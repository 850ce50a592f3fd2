package io.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.bus.HealthList;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.storage.DatabaseTarget;
import io.switchboard.storage.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active health-monitor's JVM is killed (SIGKILL, no shutdown hook): the other node's monitor
 * takes over once Hazelcast drops the dead member, with the carrier's state it already had, and
 * the state survives a restart of the whole cluster.
 */
class HealthKillProcessTest {

    @TempDir
    Path work;

    private Map<String, String> env(String cluster, int clusterPort, String url, String nodeId) {
        Map<String, String> env = NodeProcess.isolatedEnv(cluster, clusterPort, work.resolve("pg-unused"));
        env.put("SWITCHBOARD_DATABASE_URL", url);
        env.put("SWITCHBOARD_NODE_ID", nodeId);
        env.put("SWITCHBOARD_NODE_ROLES", "health-monitor");
        env.put("SWITCHBOARD_HEALTH_PUBLISH_INTERVAL_MS", "200");
        env.put("SWITCHBOARD_HEALTH_PROBE_INTERVAL_MS", String.valueOf(PROBE_INTERVAL_MS));
        return env;
    }

    private static Attempt attempt(AttemptOutcome outcome) {
        Instant now = Instant.now();
        return new Attempt(UUID.randomUUID().toString(), "call", "x", 1, now.minusMillis(30), now, outcome,
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

    /** Probe period of the monitors under test, ms. */
    private static final long PROBE_INTERVAL_MS = 300;

    /** Counts the probes the active monitor sends to carrier {@code p}, answering each as alive. */
    private static java.util.concurrent.atomic.AtomicInteger probeTarget(Vertx client) {
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        client.eventBus().consumer(Addresses.carrierProbe("p"), m -> {
            probes.incrementAndGet();
            m.reply(new io.switchboard.contract.bus.ProbeResult("p", true, 1, 200, "200 OK", java.time.Instant.now()));
        }).completion().await();
        return probes;
    }

    private static int probesDuring(java.util.concurrent.atomic.AtomicInteger probes, long ms) throws InterruptedException {
        int before = probes.get();
        Thread.sleep(ms);
        return probes.get() - before;
    }

    /** @return the active monitor, asked with a patient time-out (a loaded machine answers slowly) */
    private static String active(Vertx client) {
        return active(client, 10_000);
    }

    /**
     * @param timeoutMs how long to wait for an answer; short while polling a takeover, since a
     *     request may go to the killed node's handler until the cluster drops it
     */
    private static String active(Vertx client, long timeoutMs) {
        try {
            return client.eventBus().<HealthList>request(Addresses.HEALTH_LIST, null,
                    new DeliveryOptions().setSendTimeout(timeoutMs)).await().body().activeMonitor();
        } catch (RuntimeException e) {
            return "none: " + e.getMessage();
        }
    }

    private static Vertx client(String cluster, int clusterPort) {
        Config config = new ClasspathXmlConfig("default-cluster.xml");
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.tcp.join.port.try.count", "10");
        config.getNetworkConfig().setPort(clusterPort).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1")))
                .withClusterManager(new HazelcastClusterManager(config)).buildClustered().await();
        Codecs.registerAll(vertx.eventBus());
        return vertx;
    }

    @Test
    void aKilledActiveMonitorIsTakenOverAndTheStateSurvivesAClusterRestart() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(work.resolve("pg"), 0)) {
            DatabaseTarget db = database.target();
            String url = "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database();
            String cluster = "kill-test-" + UUID.randomUUID();
            int clusterPort = 20_000 + (int) (Math.random() * 20_000);
            Vertx client = null;
            try (NodeProcess a = NodeProcess.start(NodeProcess.currentJava(), env(cluster, clusterPort, url, "monitor-a"),
                    work.resolve("a.log"), "run")) {
                a.awaitReady(Duration.ofSeconds(120));
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                     Statement s = c.createStatement()) {
                    s.execute("INSERT INTO carriers (id, provider, display_name) VALUES ('x', 'x', 'X'), ('p', 'p', 'P')");
                }
                try (NodeProcess b = NodeProcess.start(NodeProcess.currentJava(), env(cluster, clusterPort, url,
                        "monitor-b"), work.resolve("b.log"), "run")) {
                    b.awaitReady(Duration.ofSeconds(120));
                    client = client(cluster, clusterPort);
                    assertEquals("monitor-a", active(client));
                    var probes = probeTarget(client);
                    int window = probesDuring(probes, 3_000);
                    assertTrue(window >= 1 && window <= 3_000 / PROBE_INTERVAL_MS + 2,
                            "one prober in the cluster (the active monitor): " + window + " probes in 3 s");
                    for (int i = 0; i < 3; i++) {
                        client.eventBus().publish(Addresses.CARRIER_OUTCOMES, attempt(AttemptOutcome.RETRYABLE_FAILURE));
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (log(db).isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertEquals(List.of("healthy>down"), log(db));

                    long killed = System.nanoTime();
                    a.kill();
                    String now = active(client, 1_000);
                    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (!"monitor-b".equals(now) && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                        now = active(client, 1_000);
                    }
                    assertEquals("monitor-b", now, "monitor-b takes over after monitor-a is killed");
                    assertTrue(probesDuring(probes, 3_000) >= 1, "monitor-b took the probing over");
                    System.out.printf("health-monitor takeover after SIGKILL: %d ms%n",
                            Duration.ofNanos(System.nanoTime() - killed).toMillis());

                    client.eventBus().publish(Addresses.CARRIER_OUTCOMES, attempt(AttemptOutcome.SUCCESS));
                    client.eventBus().publish(Addresses.CARRIER_OUTCOMES, attempt(AttemptOutcome.SUCCESS));
                    deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (log(db).size() < 2 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertEquals(2, log(db).size(), "the recovery is written by monitor-b: " + log(db));
                    assertTrue(log(db).get(1).startsWith("down>"), log(db).toString());

                    // put it down again, then restart the whole cluster: the state is read back
                    for (int i = 0; i < 3; i++) {
                        client.eventBus().publish(Addresses.CARRIER_OUTCOMES, attempt(AttemptOutcome.RETRYABLE_FAILURE));
                    }
                    deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (log(db).size() < 3 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertTrue(log(db).get(2).endsWith(">down"), log(db).toString());
                    client.close().await();
                    client = null;
                    b.terminate(Duration.ofSeconds(60));
                }
            } finally {
                if (client != null) {
                    client.close().await();
                }
            }
            try (NodeProcess again = NodeProcess.start(NodeProcess.currentJava(), env(cluster, clusterPort, url, "monitor-c"),
                    work.resolve("c.log"), "run")) {
                again.awaitReady(Duration.ofSeconds(120));
                Vertx probe = client(cluster, clusterPort);
                try {
                    HealthList list = probe.eventBus().<HealthList>request(Addresses.HEALTH_LIST, null).await().body();
                    assertEquals("down", list.data().stream().filter(h -> h.carrier().equals("x")).findFirst()
                            .orElseThrow().state(), "restored after a full cluster restart");
                } finally {
                    probe.close().await();
                }
                again.terminate(Duration.ofSeconds(60));
            }
        }
    }
}
