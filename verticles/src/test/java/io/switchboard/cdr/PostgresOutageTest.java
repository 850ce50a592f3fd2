package io.switchboard.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.switchboard.storage.EmbeddedDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped during traffic and started again (issue 7, "Done when": every accepted call
 * has its CDR afterwards).
 *
 * <p>The test owns the database: an embedded PostgreSQL on a fixed data folder and port, given to
 * the node as an external {@code database.url}. A node with every role and two sandbox carriers
 * takes calls and messages through the REST API from three client threads. The database is shut
 * down mid-traffic for ~5 s: calls and messages must still be accepted (the cdr-writer's journal
 * holds their records) and {@code switchboard_cdr_journal_batches} must grow. It is then started
 * again on the same folder and port; once the journal has drained, every accepted call and message
 * must have exactly one {@code cdrs} row of its type, with the state and cost the lifecycle
 * announced in its final event, one {@code call_attempts} row and one attempt CDR per attempt, and
 * no {@code event_key} may appear twice. The node's pool must be usable again (API reads, readiness).
 */
class PostgresOutageTest {

    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final String LONDON = "+442071838750";
    private static final String CALLER = "+442079460000";
    private static final Pattern BATCHES = Pattern.compile("^switchboard_cdr_journal_batches\\{[^}]*} ([0-9.E+-]+)$",
            Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private EmbeddedDatabase postgres;
    private Node node;
    private int port;
    private int pgPort;
    private final AtomicBoolean traffic = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        traffic.set(false);
        for (Thread client : clients) {
            client.join(10_000);
        }
        if (node != null) {
            node.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyAcceptedCallAndMessageHasExactlyOneCdrAfterPostgresWasDownDuringTraffic() throws Exception {
        Path pgDir = dataDir.resolve("pg-external");
        pgPort = TestNodes.freePort();
        postgres = EmbeddedDatabase.start(pgDir, pgPort);

        JsonObject layer = TestNodes.isolated(dataDir)
                .put("router", new JsonObject().put("attempt-timeout-ms", 3000))
                .put("carrier-defaults", new JsonObject().put("timeout-ms", 2000).put("breaker-max-failures", 1000))
                .put("sandbox", new JsonObject().put("enabled", "true")
                        .put("providers", new JsonArray().add("twilio").add("telnyx"))
                        .put("busy-percent", 10).put("no-answer-percent", 10).put("failed-percent", 5)
                        .put("ring-ms", 100).put("duration-min-ms", 1000).put("duration-max-ms", 2500));
        layer.getJsonObject("database").put("url", "postgresql://127.0.0.1:" + pgPort + "/postgres")
                .put("user", "postgres").put("password", "").put("connect-timeout-ms", 2000);
        layer.getJsonObject("cdr").put("retry-interval-ms", 300);
        node = Node.start(TestNodes.config(layer), "pg-outage");
        port = node.httpPort();
        Map<String, JsonObject> finals = new ConcurrentHashMap<>();
        node.vertx().eventBus().<EventEnvelope>consumer(Addresses.EVENTS, m -> {
            EventEnvelope e = m.body();
            if (Set.of("call.completed", "call.failed", "sms.delivered", "sms.failed").contains(e.type())) {
                JsonObject data = new JsonObject(e.data().toString());
                finals.put(data.getString(data.containsKey("call_id") ? "call_id" : "message_id"), data);
            }
        }).completion().await(10, TimeUnit.SECONDS);
        deck("twilio", "voice", "44,United Kingdom,0.0050,0,6,6,2026-01-01,,USD\n");
        deck("telnyx", "voice", "44,United Kingdom,0.0090,0.0100,60,60,2026-01-01,,USD\n");
        deck("twilio", "sms", "44,United Kingdom,0.0400,0,1,1,2026-01-01,,USD\n");
        deck("telnyx", "sms", "44,United Kingdom,0.0500,0,1,1,2026-01-01,,USD\n");
        await("both carriers routed", 30, () -> send("GET", "/v1/routes?to=%2B442071838750&service=voice", null).body()
                .contains("telnyx") && send("GET", "/v1/routes?to=%2B442071838750&service=sms", null).body()
                .contains("telnyx"));

        List<String> calls = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        List<Long> acceptedDuringOutage = new CopyOnWriteArrayList<>();
        AtomicBoolean outage = new AtomicBoolean();
        for (int i = 0; i < 2; i++) {
            clients.add(client("calls-" + i, 0, () -> place("/v1/calls", new JsonObject().put("to", LONDON)
                    .put("from", CALLER), calls, refused, outage, acceptedDuringOutage)));
        }
        clients.add(client("messages", 50, () -> place("/v1/messages", new JsonObject().put("to", LONDON)
                .put("from", CALLER).put("body", "Your code is 1234"), messages, refused, outage, acceptedDuringOutage)));
        clients.forEach(Thread::start);

        Thread.sleep(3_000);
        assertTrue(calls.size() > 5, "traffic flows before the outage: " + calls.size() + " calls");
        postgres.close();
        postgres = null;
        outage.set(true);
        long down = System.nanoTime();
        double backlogEarly = await("a journal backlog", 10, () -> {
            double b = journalBatches();
            return b > 0 ? b : null;
        });
        Thread.sleep(Math.max(0, 5_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down)));
        double backlogLate = journalBatches();
        int acceptedDown = acceptedDuringOutage.size();
        System.out.printf("PostgreSQL down for %d ms: %d calls/messages accepted meanwhile; journal %.0f -> %.0f batches%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down), acceptedDown, backlogEarly, backlogLate);
        assertTrue(acceptedDown >= 10, "calls and messages are still accepted while PostgreSQL is down: " + acceptedDown);
        assertTrue(backlogLate > backlogEarly, "the journal grows while PostgreSQL is down: " + backlogEarly + " -> "
                + backlogLate);

        postgres = EmbeddedDatabase.start(pgDir, pgPort);
        outage.set(false);
        long up = System.nanoTime();
        Thread.sleep(2_000);
        traffic.set(false);
        for (Thread client : clients) {
            client.join(30_000);
        }
        List<String> all = new ArrayList<>(calls);
        all.addAll(messages);
        assertTrue(refused.isEmpty(), "no call or message was refused: " + refused);

        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "postgres", "")) {
            await("a CDR for each of the " + all.size() + " accepted calls and messages", 40,
                    () -> count(db, "SELECT count(DISTINCT call_id) FROM cdrs WHERE record_type IN ('call', 'message')")
                            >= all.size());
            await("the journal drained", 10, () -> journalBatches() == 0);
            System.out.printf("after the restart: all %d CDRs written %d ms after PostgreSQL was back%n", all.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - up));

            Map<String, JsonObject> cdrs = rows(db, "SELECT call_id, record_type, state, cost, rate, connect_fee, "
                    + "billed_seconds, attempt_count, event_key FROM cdrs WHERE record_type IN ('call', 'message')");
            assertEquals(all.size(), cdrs.size(), "one call/message CDR per accepted id, and none else");
            Map<String, Long> attemptRows = counts(db, "SELECT call_id, count(*) FROM call_attempts GROUP BY call_id");
            Map<String, Long> attemptCdrs = counts(db,
                    "SELECT call_id, count(*) FROM cdrs WHERE record_type = 'attempt' GROUP BY call_id");
            for (String id : all) {
                boolean call = calls.contains(id);
                JsonObject cdr = cdrs.get(id);
                assertNotNull(cdr, "CDR of " + id);
                assertEquals(call ? "call" : "message", cdr.getString("record_type"), id);
                JsonObject announced = finals.get(id);
                assertNotNull(announced, "final event of " + id);
                assertEquals(announced.getString("state"), cdr.getString("state"), id);
                BigDecimal cost = new BigDecimal(cdr.getString("cost"));
                assertEquals(0, new BigDecimal(announced.getJsonObject("cost").getString("amount")).compareTo(cost),
                        id + ": " + cdr + " vs " + announced);
                if (call) {
                    BigDecimal expected = "completed".equals(cdr.getString("state"))
                            ? decimal(cdr, "connect_fee").add(decimal(cdr, "rate")
                            .multiply(BigDecimal.valueOf(cdr.getInteger("billed_seconds")))
                            .divide(BigDecimal.valueOf(60), 6, RoundingMode.HALF_UP))
                            : BigDecimal.ZERO;
                    assertEquals(0, expected.compareTo(cost), id + ": cost from the row's own rate: " + cdr);
                }
                long attempts = cdr.getInteger("attempt_count");
                assertTrue(attempts >= 1, id + " was accepted by a carrier: " + cdr);
                assertEquals(announced.getInteger("attempt_count").longValue(), attempts, id);
                assertEquals(attempts, attemptRows.getOrDefault(id, 0L), "call_attempts rows of " + id);
                assertEquals(attempts, attemptCdrs.getOrDefault(id, 0L), "attempt CDRs of " + id);
            }
            assertEquals(0, count(db, "SELECT count(*) FROM (SELECT event_key FROM cdrs GROUP BY event_key "
                    + "HAVING count(*) > 1) d"), "no duplicate CDR");
            assertEquals(all.size(), count(db, "SELECT (SELECT count(*) FROM calls) + (SELECT count(*) FROM messages)"),
                    "one calls/messages row each");
        }
        assertEquals(200, send("GET", "/v1/cdrs?record_type=call&limit=1", null).statusCode(),
                "the node's pool works again");
        await("ready again", 20, () -> HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.managementPort() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode() == 200);
        System.out.printf("%d calls and %d messages accepted, %d during the outage; each has one CDR%n",
                calls.size(), messages.size(), acceptedDown);
    }

    private Thread client(String name, long pauseMs, Step step) {
        Thread t = new Thread(() -> {
            while (traffic.get()) {
                try {
                    step.run();
                    if (pauseMs > 0) {
                        Thread.sleep(pauseMs);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private void place(String path, JsonObject body, List<String> accepted, List<String> refused, AtomicBoolean outage,
                       List<Long> acceptedDuringOutage) throws Exception {
        boolean down = outage.get();
        HttpResponse<String> r = send("POST", path, body.encode());
        if (r.statusCode() == 201) {
            accepted.add(new JsonObject(r.body()).getString("id"));
            if (down && outage.get()) {
                acceptedDuringOutage.add(System.nanoTime());
            }
        } else {
            refused.add(r.statusCode() + " " + r.body());
        }
    }

    private double journalBatches() throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.managementPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = BATCHES.matcher(text);
        assertTrue(m.find(), "switchboard_cdr_journal_batches on /metrics");
        return Double.parseDouble(m.group(1));
    }

    private static BigDecimal decimal(JsonObject row, String column) {
        String value = row.getString(column);
        return value == null ? BigDecimal.ZERO : new BigDecimal(value);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> counts(Connection db, String sql) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static Map<String, JsonObject> rows(Connection db, String sql) throws SQLException {
        Map<String, JsonObject> out = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                JsonObject row = new JsonObject();
                for (int c = 2; c <= columns; c++) {
                    Object v = rs.getObject(c);
                    row.put(rs.getMetaData().getColumnLabel(c), v instanceof Number n && !(v instanceof Integer)
                            ? n.toString() : v);
                }
                JsonObject previous = out.put(rs.getString(1), row);
                assertTrue(previous == null, "two CDRs for " + rs.getString(1) + ": " + previous + ", " + row);
            }
        }
        return out;
    }

    private void deck(String carrier, String service, String rows) throws Exception {
        HttpResponse<String> r = send("POST", "/v1/decks?carrier=" + carrier + "&service=" + service, HEADER + rows);
        assertEquals(201, r.statusCode(), r.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(String what, int seconds, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null && !(value instanceof Boolean b && !b)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
