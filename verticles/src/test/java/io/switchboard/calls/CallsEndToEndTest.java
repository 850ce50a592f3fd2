package io.switchboard.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.cdr.kafka.EmbeddedKafka;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.switchboard.webhooks.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls and messages end to end on one node with every role, two sandbox carriers (Twilio and
 * Telnyx wire formats, real adapters and signed status webhooks through the real http-api), an
 * embedded PostgreSQL and an in-JVM Kafka broker: for each call and message the right final state,
 * one CDR with the exact cost, the attempts, the tenant's events, a signed webhook to the
 * status_callback verified with the documented scheme, and the Kafka records. Also failover during
 * a carrier outage, hang-up, no route, and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsEndToEndTest {

    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final String LONDON = "+442071838750";
    private static final String CALLER = "+442079460000";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;

    private Node node;
    private EmbeddedKafka kafka;
    private Vertx receiverVertx;
    private HttpServer receiver;
    private final List<JsonObject> hooks = new CopyOnWriteArrayList<>();
    private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();
    private int port;
    private String hookUrl;

    @BeforeAll
    void start() throws Exception {
        kafka = EmbeddedKafka.start();
        receiverVertx = Vertx.vertx();
        receiver = receiverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            hooks.add(new JsonObject().put("signature", req.getHeader(WebhookSignature.HEADER))
                    .put("type", req.getHeader("Switchboard-Event-Type")).put("body", body.toString()));
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        hookUrl = "http://127.0.0.1:" + receiver.actualPort() + "/hooks";
        JsonObject layer = TestNodes.isolated(dataDir)
                .put("router", new JsonObject().put("attempt-timeout-ms", 3000))
                .put("carrier-defaults", new JsonObject().put("timeout-ms", 1000).put("breaker-max-failures", 50))
                .put("kafka", new JsonObject().put("bootstrap", kafka.bootstrap()))
                
                .put("sandbox", new JsonObject().put("enabled", "true")
                        .put("providers", new JsonArray().add("twilio").add("telnyx"))
                        .put("busy-percent", 0).put("no-answer-percent", 0).put("failed-percent", 0)
                        .put("ring-ms", 100).put("duration-min-ms", 2000).put("duration-max-ms", 2000));
        layer.getJsonObject("cdr").put("webhook-poll-interval-ms", 100);
        node = Node.start(TestNodes.config(layer), "calls-e2e");
        port = node.httpPort();
        node.vertx().eventBus().<EventEnvelope>consumer(Addresses.EVENTS, m -> events.add(m.body())).completion()
                .await(10, TimeUnit.SECONDS);
        deck("twilio", "voice", "44,United Kingdom,0.0050,0,6,6,2026-01-01,,USD\n");
        deck("telnyx", "voice", "44,United Kingdom,0.0090,0.0100,60,60,2026-01-01,,USD\n");
        deck("twilio", "sms", "44,United Kingdom,0.0400,0,1,1,2026-01-01,,USD\n");
        deck("telnyx", "sms", "44,United Kingdom,0.0500,0,1,1,2026-01-01,,USD\n");
        await("both carriers routed", () -> send("GET", "/v1/routes?to=%2B442071838750&service=voice", null).body()
                .contains("telnyx") && send("GET", "/v1/routes?to=%2B442071838750&service=sms", null).body()
                .contains("telnyx"));
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
        if (receiverVertx != null) {
            receiverVertx.close().await(10, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aCallIsRoutedAnsweredCompletedPricedRecordedAnnouncedSignedAndExported() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/calls", new JsonObject().put("to", LONDON).put("from", CALLER)
                .put("status_callback", hookUrl).put("metadata", new JsonObject().put("order", 42)).encode());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject call = new JsonObject(created.body());
        String id = call.getString("id");
        assertEquals("initiated", call.getString("state"));
        assertEquals("twilio", call.getString("carrier"), "the cheaper carrier");

        JsonObject done = awaitState("/v1/calls/" + id, "completed");
        int duration = done.getInteger("duration_s");
        assertTrue(duration >= 1 && duration <= 3, "sandbox calls last 2 s: " + done);
        int billed = ((duration + 5) / 6) * 6;
        assertEquals(billed, done.getInteger("billed_seconds"), "6/6 billing");
        BigDecimal cost = new BigDecimal("0.0050").multiply(BigDecimal.valueOf(billed))
                .divide(BigDecimal.valueOf(60), 6, java.math.RoundingMode.HALF_UP);
        assertEquals(0, cost.compareTo(new BigDecimal(done.getJsonObject("cost").getString("amount"))), done.encode());
        assertEquals(1, done.getJsonArray("attempts").size());
        assertEquals(42, done.getJsonObject("metadata").getInteger("order"));

        JsonObject cdr = awaitCdr(id, "call");
        assertEquals(0, cost.compareTo(new BigDecimal(cdr.getString("cost"))), cdr.encode());
        assertEquals("completed", cdr.getString("state"));
        assertEquals("GB", cdr.getString("destination_country"));
        assertEquals(6, cdr.getInteger("initial_increment"));
        assertEquals(1, countCdrs(id, "attempt"), "one attempt row");
        String csv = send("GET", "/v1/cdrs?record_type=call&format=csv", null).body();
        assertTrue(csv.startsWith("id,record_type,call_id") && csv.contains(id), csv);

        List<String> types = events.stream().filter(e -> id.equals(e.data().path("call_id").asText()))
                .map(EventEnvelope::type).toList();
        assertTrue(types.containsAll(List.of("call.initiated", "call.answered", "call.completed")), types.toString());
        assertTrue(events.stream().filter(e -> id.equals(e.data().path("call_id").asText()))
                .allMatch(e -> "00000000-0000-0000-0000-000000000001".equals(e.tenantId())));

        String secret;
        var db = node.database();
        try (var conn = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             var rs = conn.createStatement().executeQuery("SELECT webhook_secret FROM tenants WHERE name = 'default'")) {
            assertTrue(rs.next());
            secret = rs.getString(1);
        }
        JsonObject hook = await("signed call.completed webhook", () -> hooks.stream()
                .filter(h -> "call.completed".equals(h.getString("type")) && h.getString("body").contains(id))
                .findFirst().orElse(null));
        assertTrue(WebhookSignature.verify(secret, hook.getString("signature"), hook.getString("body"),
                Instant.now().getEpochSecond(), WebhookSignature.DEFAULT_TOLERANCE_S), hook.encode());
        assertFalse(WebhookSignature.verify(secret, hook.getString("signature"), hook.getString("body") + " ",
                Instant.now().getEpochSecond(), WebhookSignature.DEFAULT_TOLERANCE_S), "a changed body fails");

        List<ConsumerRecord<String, String>> cdrs = kafka.consume("switchboard.cdrs", 1, 20_000);
        assertTrue(cdrs.stream().anyMatch(r -> r.key().equals(id) && r.value().contains("\"completed\"")), cdrs.toString());
        List<ConsumerRecord<String, String>> exported = kafka.consume("switchboard.events", 3, 20_000);
        assertTrue(exported.stream().anyMatch(r -> r.key().equals(id) && r.value().contains("call.completed")),
                exported.toString());
    }

    @Test
    void aMessageIsSegmentedSentDeliveredAndBilledPerSegment() throws Exception {
        String text = "Your code is 1234. ".repeat(9); // 171 GSM-7 characters: 2 segments
        HttpResponse<String> sent = send("POST", "/v1/messages", new JsonObject().put("to", LONDON).put("from", CALLER).put("body", text)
                .encode());
        assertEquals(201, sent.statusCode(), sent.body());
        JsonObject message = new JsonObject(sent.body());
        assertEquals(2, message.getInteger("segments"));
        assertEquals("gsm7", message.getString("encoding"));
        assertEquals("sent", message.getString("state"));
        String id = message.getString("id");
        JsonObject done = awaitState("/v1/messages/" + id, "delivered");
        assertEquals(0, new BigDecimal("0.080000").compareTo(new BigDecimal(done.getJsonObject("cost").getString("amount"))));
        JsonObject cdr = awaitCdr(id, "message");
        assertEquals(2, cdr.getInteger("segments"));
        assertEquals(0, new BigDecimal("0.08").compareTo(new BigDecimal(cdr.getString("cost"))));
        assertTrue(events.stream().anyMatch(e -> "sms.delivered".equals(e.type())
                && id.equals(e.data().path("message_id").asText())));
    }

    @Test
    void aCarrierOutageFailsOverInsideTheRequestAndBothAttemptsAreRecorded() throws Exception {
        assertEquals(200, send("PATCH", "/v1/sandbox/carriers/twilio", "{\"outage\": true}").statusCode());
        try {
            HttpResponse<String> created = send("POST", "/v1/calls", new JsonObject().put("to", LONDON).put("from", CALLER).encode());
            assertEquals(201, created.statusCode(), created.body());
            JsonObject call = new JsonObject(created.body());
            assertEquals("telnyx", call.getString("carrier"), created.body());
            String id = call.getString("id");
            JsonObject done = awaitState("/v1/calls/" + id, "completed");
            assertEquals(2, done.getJsonArray("attempts").size(), done.encode());
            int duration = done.getInteger("duration_s");
            BigDecimal cost = new BigDecimal("0.0100").add(new BigDecimal("0.0090"))
                    .setScale(6, java.math.RoundingMode.HALF_UP); // 60/60: any duration up to 60 s bills one minute
            assertTrue(duration > 0 && duration <= 60);
            assertEquals(0, cost.compareTo(new BigDecimal(done.getJsonObject("cost").getString("amount"))), done.encode());
            awaitCdr(id, "call");
            assertEquals(2, countCdrs(id, "attempt"), "the failed attempt has its CDR too");
        } finally {
            send("PATCH", "/v1/sandbox/carriers/twilio", "{\"outage\": false}");
        }
    }

    @Test
    void aRingingCallHungUpThroughTheApiEndsCanceledAtNoCost() throws Exception {
        assertEquals(200, send("PATCH", "/v1/sandbox/carriers/twilio", "{\"ring_ms\": 20000}").statusCode());
        try {
            HttpResponse<String> created = send("POST", "/v1/calls", new JsonObject().put("to", LONDON).put("from", CALLER).encode());
            assertEquals(201, created.statusCode(), created.body());
            String id = new JsonObject(created.body()).getString("id");
            HttpResponse<String> hung = send("POST", "/v1/calls/" + id + "/hangup", null);
            assertEquals(200, hung.statusCode(), hung.body());
            assertEquals("canceled", new JsonObject(hung.body()).getString("state"));
            JsonObject cdr = awaitCdr(id, "call");
            assertEquals(0, BigDecimal.ZERO.compareTo(new BigDecimal(cdr.getString("cost"))));
            HttpResponse<String> again = send("POST", "/v1/calls/" + id + "/hangup", null);
            assertEquals(200, again.statusCode(), "hang-up is idempotent");
            assertEquals("canceled", new JsonObject(again.body()).getString("state"));
            assertEquals(404, send("POST", "/v1/calls/" + java.util.UUID.randomUUID() + "/hangup", null).statusCode());
        } finally {
            send("PATCH", "/v1/sandbox/carriers/twilio", "{\"ring_ms\": 100}");
        }
    }

    @Test
    void noRouteIsTel002AndTheFailedCallIsStillRecorded() throws Exception {
        HttpResponse<String> refused = send("POST", "/v1/calls", new JsonObject().put("to", "+81312345678").put("from", CALLER).encode());
        assertEquals(422, refused.statusCode(), refused.body());
        JsonObject error = new JsonObject(refused.body()).getJsonObject("error");
        assertEquals("TEL-002", error.getString("code"));
        String id = error.getJsonObject("details").getString("call_id");
        assertNotNull(id, refused.body());
        JsonObject cdr = awaitCdr(id, "call");
        assertEquals("failed", cdr.getString("state"));
        assertEquals("TEL-002", cdr.getString("hangup_cause"));
        assertEquals("failed", awaitState("/v1/calls/" + id, "failed").getString("state"));
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        assertField(send("POST", "/v1/calls", "{}"), 400, "TEL-011", "to");
        assertField(send("POST", "/v1/calls", "{\"to\": \"+1555\", \"from\": \"" + CALLER + "\"}"), 400, "TEL-001", "to");
        assertField(send("POST", "/v1/calls", "{\"to\": \"" + LONDON + "\"}"), 400, "TEL-011", "from");
        assertField(send("POST", "/v1/calls", "{\"from\": \"" + CALLER + "\", \"to\": \"" + LONDON + "\", \"colour\": 1}"), 400, "TEL-011", "colour");
        assertField(send("POST", "/v1/calls", "{\"from\": \"" + CALLER + "\", \"to\": \"" + LONDON + "\", \"timeout\": 0}"), 400, "TEL-011", "timeout");
        assertField(send("POST", "/v1/calls", "{\"from\": \"" + CALLER + "\", \"to\": \"" + LONDON + "\", \"status_callback\": \"ftp://x\"}"), 400,
                "TEL-011", "status_callback");
        assertField(send("POST", "/v1/calls", "[1]"), 400, "TEL-011", "body");
        assertField(send("POST", "/v1/calls", "{\"to\": "), 400, "TEL-011", "body");
        assertField(send("POST", "/v1/messages", "{\"from\": \"" + CALLER + "\", \"to\": \"" + LONDON + "\", \"body\": \"\"}"), 400, "TEL-011", "body");
        assertField(send("POST", "/v1/messages", "{\"from\": \"" + CALLER + "\", \"to\": \"" + LONDON + "\", \"body\": \"" + "x".repeat(1601)
                + "\"}"), 400, "TEL-011", "body");
        assertField(send("GET", "/v1/calls/not-a-uuid", null), 400, "TEL-011", "id");
        assertEquals(404, send("GET", "/v1/calls/" + java.util.UUID.randomUUID(), null).statusCode());
        assertField(send("GET", "/v1/cdrs?from=yesterday", null), 400, "TEL-011", "from");
        assertField(send("GET", "/v1/usage?group_by=planet", null), 400, "TEL-011", "group_by");
        assertField(send("GET", "/v1/cdrs?prefix=44%27%20OR%201=1", null), 400, "TEL-011", "prefix");
    }

    private static void assertField(HttpResponse<String> response, int status, String code, String field) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals(code, error.getString("code"), response.body());
        assertEquals(field, error.getJsonObject("details").getString("field"), response.body());
    }

    private JsonObject awaitState(String path, String state) throws Exception {
        return await(path + " " + state, () -> {
            HttpResponse<String> r = send("GET", path, null);
            JsonObject body = r.statusCode() == 200 ? new JsonObject(r.body()) : null;
            return body != null && state.equals(body.getString("state")) && body.getValue("cost") != null ? body : null;
        });
    }

    private JsonObject awaitCdr(String id, String type) throws Exception {
        return await("CDR of " + id, () -> {
            JsonArray rows = new JsonObject(send("GET", "/v1/cdrs?record_type=" + type + "&limit=10000", null).body())
                    .getJsonArray("data");
            return rows.stream().map(JsonObject.class::cast).filter(r -> id.equals(r.getString("call_id"))).findFirst()
                    .orElse(null);
        });
    }

    private long countCdrs(String id, String type) throws Exception {
        return new JsonObject(send("GET", "/v1/cdrs?record_type=" + type + "&limit=10000", null).body())
                .getJsonArray("data").stream().map(JsonObject.class::cast).filter(r -> id.equals(r.getString("call_id")))
                .count();
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
    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
