package io.switchboard.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every provider end to end on one real node: a call (and a message where the provider offers
 * messaging) goes through the provider's adapter to its sandbox carrier, which answers in the
 * provider's wire format and later sends its signed status webhooks to the real http-api; the
 * adapter verifies and maps them into normalized events. Forged webhooks (tampered, unsigned)
 * are refused with 403/401 and publish nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxCarriersTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final E164 TO = E164.parse("to", "+14155550100");
    private static final E164 FROM = E164.parse("from", "+14155550199");

    @TempDir
    static Path dataDir;
    private Node node;
    private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir).put("sandbox", new JsonObject().put("enabled", "true")
                .put("busy-percent", 0).put("no-answer-percent", 0).put("failed-percent", 0).put("ring-ms", 200)
                .put("duration-min-ms", 300).put("duration-max-ms", 300));
        node = Node.start(TestNodes.config(layer), "sandbox-test");
        node.vertx().eventBus().<EventEnvelope>consumer(Addresses.CARRIER_EVENTS, m -> events.add(m.body())).completion()
                .await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "telnyx", "plivo", "bandwidth", "vonage", "sinch", "exotel"})
    void aCallIsPlacedAnsweredAndCompletedThroughSignedWebhooks(String carrier) throws Exception {
        String callId = UUID.randomUUID().toString();
        AttemptReply reply = attempt(carrier, callId, Service.VOICE, null);
        assertEquals(AttemptOutcome.SUCCESS, reply.outcome(), carrier + ": " + reply);
        assertNotNull(reply.carrierCallId());
        EventEnvelope completed = awaitEvent(callId, "call.completed");
        JsonObject data = JsonObject.mapFrom(completed.data());
        assertEquals(carrier, data.getString("carrier"));
        assertEquals("completed", data.getString("state"));
        List<String> types = eventsOf(callId).stream().map(EventEnvelope::type).toList();
        assertTrue(types.contains("call.answered") || carrier.equals("exotel"),
                carrier + " reports the answer: " + types);
        assertEquals(1, types.stream().filter("call.completed"::equals).count(), types.toString());
        io.switchboard.contract.bus.CarrierHealthView health = null;
        for (int i = 0; i < 50 && (health == null || health.acdSeconds() == null); i++) {
            Thread.sleep(50);
            health = node.vertx().eventBus().<io.switchboard.contract.bus.HealthList>request(Addresses.HEALTH_LIST, null)
                    .await(10, TimeUnit.SECONDS).body().data().stream().filter(h -> h.carrier().equals(carrier))
                    .findFirst().orElse(null);
        }
        assertNotNull(health.acdSeconds(), carrier + ": the completed call's duration reaches the ACD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "telnyx", "plivo", "bandwidth", "vonage", "sinch", "exotel"})
    void aMessageIsSentAndDelivered(String carrier) throws Exception {
        if (!CarrierProviders.byName(carrier).orElseThrow().services().contains(Service.SMS)) {
            return;
        }
        String messageId = UUID.randomUUID().toString();
        AttemptReply reply = attempt(carrier, messageId, Service.SMS, "Hello from Switchboard");
        assertEquals(AttemptOutcome.SUCCESS, reply.outcome(), carrier + ": " + reply);
        EventEnvelope delivered = awaitEvent(messageId, "sms.delivered");
        assertEquals(carrier, JsonObject.mapFrom(delivered.data()).getString("carrier"));
        String metrics = HTTP.send(io.switchboard.node.TestNodes.request(URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_carrier_events_total{")
                && l.contains("carrier=\"" + carrier + "\"") && l.contains("type=\"sms.delivered\"")), metrics);
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "telnyx", "plivo", "bandwidth", "vonage", "sinch", "exotel"})
    void forgedWebhooksAreRefusedAndPublishNothing(String carrier) throws Exception {
        CarrierProvider provider = CarrierProviders.byName(carrier).orElseThrow();
        ProviderSimulator simulator = provider.simulator();
        Map<String, String> credentials = sandboxAccount(carrier);
        String base = "http://127.0.0.1:" + node.httpPort();
        String callId = UUID.randomUUID().toString();
        CarrierAccount account = new CarrierAccount(carrier, carrier, "http://127.0.0.1:1", credentials,
                simulator.accountSettings(), base + "/v1/webhooks/" + carrier);
        CarrierHttpRequest place = provider.placeCall(account, new OutboundCall(callId, 1, TO, FROM, null, 30, false));
        URI placed = URI.create(place.url());
        SimOperation op = simulator.read(new CarrierHttpRequest(place.method(), placed.getRawPath()
                + (placed.getRawQuery() == null ? "" : "?" + placed.getRawQuery()), place.headers(), place.body()),
                credentials);
        assertEquals(SimOperation.Kind.CREATE_CALL, op.kind(), String.valueOf(op.error()));
        Instant now = Instant.now();
        SimCall call = new SimCall(simulator.newId(new java.security.SecureRandom(), false), false, op.to(), op.from(),
                null, op.callbacks(), op.reference(), "completed", now.minusSeconds(30), now.minusSeconds(20), now);
        List<CarrierHttpRequest> hooks = simulator.callbacks(call, SimEvent.call(CallState.COMPLETED, 200), credentials, now);
        assertFalse(hooks.isEmpty(), carrier + " reports a completed call");
        CarrierHttpRequest genuine = hooks.get(hooks.size() - 1);

        int before = eventsOf(callId).size();
        String basic = genuine.header("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            // Bandwidth and Exotel sign nothing: they present the Basic credentials we issued
            Map<String, String> wrong = new LinkedHashMap<>(genuine.headers());
            wrong.replaceAll((k, v) -> k.equalsIgnoreCase("Authorization")
                    ? Signing.basic(credentials.getOrDefault("webhook_username", "u"), "wrong-password") : v);
            assertEquals(403, post(genuine.url(), genuine.method(), wrong, genuine.body()).statusCode(),
                    carrier + ": a webhook with wrong credentials");
        } else {
            byte[] tampered = genuine.body().clone();
            int at = tampered.length > 0 ? tampered.length / 2 : -1;
            if (at >= 0) {
                tampered[at] = (byte) (tampered[at] == 'A' ? 'B' : 'A');
            }
            String url = at >= 0 ? genuine.url() : genuine.url() + (genuine.url().contains("?") ? "&" : "?") + "x=1";
            assertEquals(403, post(url, genuine.method(), genuine.headers(), tampered).statusCode(),
                    carrier + ": a tampered webhook");
        }
        Map<String, String> unsigned = new LinkedHashMap<>();
        genuine.headers().forEach((k, v) -> {
            if (k.equalsIgnoreCase("content-type")) {
                unsigned.put(k, v);
            }
        });
        assertEquals(401, post(genuine.url(), genuine.method(), unsigned, genuine.body()).statusCode(),
                carrier + ": an unsigned webhook");
        Thread.sleep(200);
        assertEquals(before, eventsOf(callId).size(), "refused webhooks publish nothing");

        HttpResponse<String> accepted = post(genuine.url(), genuine.method(), genuine.headers(), genuine.body());
        assertEquals(200, accepted.statusCode(), carrier + ": the genuine webhook: " + accepted.body());
        awaitEvent(callId, "call.completed");
        assertEquals(200, post(genuine.url(), genuine.method(), genuine.headers(), genuine.body()).statusCode());
        Thread.sleep(200);
        assertEquals(1, eventsOf(callId).stream().filter(e -> e.type().equals("call.completed")).count(),
                carrier + ": a redelivered webhook publishes no second event");
    }

    @org.junit.jupiter.api.Test
    void aWebhookForACarrierWithoutAdapterIsNotFound() throws Exception {
        HttpResponse<String> response = post("http://127.0.0.1:" + node.httpPort() + "/v1/webhooks/nobody/voice/1",
                "POST", Map.of("Content-Type", "application/x-www-form-urlencoded"), "CallStatus=completed".getBytes());
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("TEL-013") && response.body().contains("nobody"), response.body());
    }

    private Map<String, String> sandboxAccount(String carrier) throws Exception {
        JsonObject json = node.vertx().sharedData().<String, JsonObject>getAsyncMap(CarrierRoleVerticle.SANDBOX_ACCOUNTS)
                .compose(map -> map.get(carrier)).await(10, TimeUnit.SECONDS);
        Map<String, String> out = new LinkedHashMap<>();
        json.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
        return out;
    }

    private AttemptReply attempt(String carrier, String id, Service service, String text) throws Exception {
        return node.vertx().eventBus().<AttemptReply>request(Addresses.carrier(carrier), new AttemptRequest(
                        "req-" + id, id, 1, service, TO, FROM, null, carrier, "1", 1, 5_000, text))
                .await(10, TimeUnit.SECONDS).body();
    }

    private List<EventEnvelope> eventsOf(String id) {
        return events.stream().filter(e -> {
            JsonObject data = JsonObject.mapFrom(e.data());
            return id.equals(data.getString("call_id")) || id.equals(data.getString("message_id"));
        }).toList();
    }

    private EventEnvelope awaitEvent(String id, String type) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (EventEnvelope event : eventsOf(id)) {
                if (event.type().equals(type)) {
                    return event;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " for " + id + " within 10 s; got " + eventsOf(id).stream()
                .map(EventEnvelope::type).toList());
    }

    private static HttpResponse<String> post(String url, String method, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!Set.of("host", "content-length", "connection").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
