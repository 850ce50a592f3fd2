package io.switchboard.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.http.ErrorResponses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/events} end to end: a real HTTP server with {@link EventStreamApi} in a verticle,
 * real WebSocket clients, events published on the (local) event bus as the other roles do.
 */
class EventStreamApiTest {

    private static final String CALL = "5f0c6a52-3f3e-4a43-9d7b-2f5f3c1b9e10";
    private static final String PAD = "x".repeat(900);

    private Vertx vertx;
    private WebSocketClient client;
    private EventStreamApi api;
    private io.vertx.core.Context apiContext;
    private int port;

    /** The http-api's part under test: the router, the API (its consumer on this context), the server. */
    private static final class ApiVerticle extends VerticleBase {
        private final int maxQueuedBytes;
        private EventStreamApi api;
        private int port;

        ApiVerticle(int maxQueuedBytes) {
            this.maxQueuedBytes = maxQueuedBytes;
        }

        io.vertx.core.Context apiContext() {
            return context;
        }

        @Override
        public Future<?> start() {
            api = new EventStreamApi(vertx, new EventBuffer(), ApiVerticle::tenantOf, maxQueuedBytes);
            Router router = Router.router(vertx);
            router.route().handler(BodyHandler.create(false)); // as in HttpApiVerticle: before the APIs
            api.mount(router);
            ErrorResponses.install(router);
            // a small kernel send buffer, so that a client that stops reading fills the write queue soon
            HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                    .setSendBufferSize(32 * 1024);
            return api.start().compose(v -> vertx.createHttpServer(options).requestHandler(router).listen())
                    .onSuccess(server -> port = server.actualPort());
        }

        /** Stands in for the API-key lookup: {@code Bearer key-<tenant>}. */
        private static Future<String> tenantOf(RoutingContext ctx) {
            String auth = ctx.request().getHeader("Authorization");
            if (auth == null || !auth.startsWith("Bearer key-")) {
                return Future.failedFuture(new SwitchboardException(ErrorCode.TEL_008, "missing or invalid API key"));
            }
            return Future.succeededFuture(auth.substring("Bearer key-".length()));
        }
    }

    /** One client connection and what it received. */
    private static final class Stream {
        final ClientWebSocket socket;
        final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Short> closed = new CompletableFuture<>();
        volatile String closeReason;

        Stream(WebSocketClient client) {
            socket = client.webSocket();
            socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
            socket.closeHandler(v -> {
                closeReason = socket.closeReason();
                closed.complete(socket.closeStatusCode());
            });
        }

        JsonObject next() throws InterruptedException {
            JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(frame, "no frame within 10 s");
            return frame;
        }
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        // needed even without a cluster: the local event bus refuses a record body that has no codec
        Codecs.registerAll(vertx.eventBus());
        client = vertx.createWebSocketClient();
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    private void serve(int maxQueuedBytes) throws Exception {
        ApiVerticle verticle = new ApiVerticle(maxQueuedBytes);
        await(vertx.deployVerticle(verticle));
        api = verticle.api;
        apiContext = verticle.apiContext();
        port = verticle.port;
    }

    /** @return the API's open sockets, read on its own context */
    private int openStreams() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> count = new java.util.concurrent.CompletableFuture<>();
        apiContext.runOnContext(v -> count.complete(api.openStreams()));
        return count.get(5, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private WebSocketConnectOptions options(String query, String tenant) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI(EventStreamApi.PATH + query);
        return tenant == null ? options : options.addHeader("Authorization", "Bearer key-" + tenant);
    }

    /** Connects and reads the {@code stream.opened} frame, after which the socket receives events. */
    private Stream open(WebSocketClient with, String query, String tenant) throws Exception {
        Stream stream = new Stream(with);
        await(stream.socket.connect(options(query, tenant)));
        JsonObject opened = stream.next();
        assertEquals("stream.opened", opened.getString("type"));
        assertEquals(tenant, opened.getJsonObject("data").getJsonObject("filter").getString("tenant_id"));
        return stream;
    }

    private Stream open(String query) throws Exception {
        return open(client, query, "acme");
    }

    private EventEnvelope publish(String type, String tenant, Map<String, ?> data) {
        EventEnvelope event = EventEnvelope.of(type, Instant.now(), tenant, data);
        vertx.eventBus().publish(Addresses.EVENTS, event);
        return event;
    }

    private static void assertEvent(EventEnvelope expected, JsonObject frame) {
        assertEquals(expected.id(), frame.getString("id"), () -> "expected " + expected.type() + ", got " + frame);
        assertEquals(expected.type(), frame.getString("type"));
    }

    private HttpResponse<String> plainGet(String query, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + EventStreamApi.PATH
                + query)).timeout(java.time.Duration.ofSeconds(10));
        if (tenant != null) {
            request.header("Authorization", "Bearer key-" + tenant);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void receivesItsTenantsEventsOnlyAsEnvelopeJson() throws Exception {
        serve(64 * 1024);
        Stream acme = open("");
        JsonObject filter = new JsonObject().put("tenant_id", "acme").put("types", new JsonArray());
        assertEquals(filter, new JsonObject(StreamFrames.opened(EventFilter.parse("acme", null, null)))
                .getJsonObject("data").getJsonObject("filter"));

        publish(EventTypes.CALL_RINGING, "globex", Map.of("call_id", CALL));
        EventEnvelope ringing = publish(EventTypes.CALL_RINGING, "acme", Map.of("call_id", CALL, "leg", 1));
        publish(EventTypes.CARRIER_HEALTH_CHANGED, null, Map.of("carrier", "twilio"));
        EventEnvelope sent = publish(EventTypes.SMS_SENT, "acme", Map.of("message_id", CALL));

        JsonObject first = acme.next();
        assertEvent(ringing, first);
        assertEquals("acme", first.getString("tenant_id"));
        assertEquals(ringing.occurredAt(), Instant.parse(first.getString("occurred_at")));
        assertEquals(new JsonObject().put("call_id", CALL).put("leg", 1), first.getJsonObject("data"));
        assertEvent(sent, acme.next());
        EventEnvelope marker = publish(EventTypes.CALL_ANSWERED, "acme", Map.of());
        assertEvent(marker, acme.next());
        assertTrue(acme.frames.isEmpty(), "nothing else: " + acme.frames);
    }

    @Test
    void typeFilterWithWildcardAndSystemEventByName() throws Exception {
        serve(64 * 1024);
        Stream stream = open("?types=call.*,carrier.health.changed");
        publish(EventTypes.SMS_SENT, "acme", Map.of());
        EventEnvelope failed = publish(EventTypes.CALL_ATTEMPT_FAILED, "acme", Map.of("call_id", CALL));
        EventEnvelope health = publish(EventTypes.CARRIER_HEALTH_CHANGED, null, Map.of("carrier", "twilio"));
        publish(EventTypes.CALL_ANSWERED, "globex", Map.of());
        EventEnvelope completed = publish(EventTypes.CALL_COMPLETED, "acme", Map.of());
        assertEvent(failed, stream.next());
        JsonObject healthFrame = stream.next();
        assertEvent(health, healthFrame);
        assertNull(healthFrame.getString("tenant_id"), "system events have no tenant_id");
        assertEvent(completed, stream.next());
    }

    @Test
    void callIdFilter() throws Exception {
        serve(64 * 1024);
        Stream stream = open("?call_id=" + CALL);
        publish(EventTypes.CALL_RINGING, "acme", Map.of("call_id", "00000000-0000-0000-0000-000000000001"));
        EventEnvelope ringing = publish(EventTypes.CALL_RINGING, "acme", Map.of("call_id", CALL));
        publish(EventTypes.CALL_RINGING, "globex", Map.of("call_id", CALL));
        EventEnvelope sms = publish(EventTypes.SMS_DELIVERED, "acme", Map.of("message_id", CALL));
        assertEvent(ringing, stream.next());
        assertEvent(sms, stream.next());
    }

    @Test
    void resumeAfterLastEventIdGetsExactlyTheMissedEvents() throws Exception {
        serve(64 * 1024);
        Stream first = open("?types=call.*");
        List<EventEnvelope> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seen.add(publish(EventTypes.CALL_RINGING, "acme", Map.of("n", i)));
        }
        for (EventEnvelope event : seen) {
            assertEvent(event, first.next());
        }
        await(first.socket.close());

        List<EventEnvelope> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            publish(EventTypes.SMS_SENT, "acme", Map.of("n", i));         // not in the filter
            publish(EventTypes.CALL_RINGING, "globex", Map.of("n", i));   // another tenant
            missed.add(publish(EventTypes.CALL_ANSWERED, "acme", Map.of("n", i)));
        }
        Stream resumed = open("?types=call.*&last_event_id=" + seen.get(4).id());
        for (EventEnvelope event : missed) {
            assertEvent(event, resumed.next());
        }
        EventEnvelope live = publish(EventTypes.CALL_COMPLETED, "acme", Map.of());
        assertEvent(live, resumed.next());

        // the header works too, from further back
        Stream viaHeader = new Stream(client);
        await(viaHeader.socket.connect(options("?types=call.*", "acme")
                .addHeader(EventStreamApi.LAST_EVENT_ID_HEADER, seen.get(2).id())));
        assertEquals("stream.opened", viaHeader.next().getString("type"));
        List<EventEnvelope> expected = new ArrayList<>(seen.subList(3, 5));
        expected.addAll(missed);
        expected.add(live);
        for (EventEnvelope event : expected) {
            assertEvent(event, viaHeader.next());
        }
    }

    @Test
    void replayLargerThanTheWriteQueueIsPacedNotLagged() throws Exception {
        serve(16 * 1024);
        Stream first = open("");
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {   // ~400 KB: many times the 16 KB queue
            events.add(publish(EventTypes.CALL_RINGING, "acme", Map.of("call_id", CALL, "pad", PAD)));
            assertEvent(events.get(i), first.next());
        }
        // a client that does not read for a while: the replay must wait for the socket to drain
        Stream resumed = new Stream(vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(8192)));
        await(resumed.socket.connect(options("?last_event_id=" + events.get(0).id(), "acme")).onSuccess(ws -> ws.pause()));
        Thread.sleep(300);
        EventEnvelope live = publish(EventTypes.CALL_COMPLETED, "acme", Map.of());   // waits behind the replay
        Thread.sleep(100);
        resumed.socket.resume();
        assertEquals("stream.opened", resumed.next().getString("type"));
        for (EventEnvelope event : events.subList(1, events.size())) {
            assertEvent(event, resumed.next());
        }
        assertEvent(live, resumed.next());
        assertEquals(0, api.laggedDisconnects());
    }

    @Test
    void unknownLastEventIdGetsStreamResetThenLiveEvents() throws Exception {
        serve(64 * 1024);
        Stream stream = open("?last_event_id=00000000-0000-0000-0000-00000000dead");
        JsonObject reset = stream.next();
        assertEquals("stream.reset", reset.getString("type"));
        assertEquals("last_event_id unknown or older than the retention window",
                reset.getJsonObject("data").getString("reason"));
        EventEnvelope live = publish(EventTypes.CALL_RINGING, "acme", Map.of());
        assertEvent(live, stream.next());
    }

    @Test
    void badTypesIs400Tel011NamingTypesBeforeUpgrade() throws Exception {
        serve(64 * 1024);
        HttpResponse<String> response = plainGet("?types=call.answered,call.answerd", "acme");
        assertEquals(400, response.statusCode());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("TEL-011", error.getString("code"));
        assertEquals("types", error.getJsonObject("details").getString("field"));
        assertTrue(error.getString("message").contains("call.answerd"), error.getString("message"));

        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> await(client.connect(options("?types=bogus", "acme"))));
        UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, refused.getCause());
        assertEquals(400, rejected.getStatus());
    }

    @Test
    void badCallIdIs400NamingCallId() throws Exception {
        serve(64 * 1024);
        HttpResponse<String> response = plainGet("?call_id=42", "acme");
        assertEquals(400, response.statusCode());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("TEL-011", error.getString("code"));
        assertEquals("call_id", error.getJsonObject("details").getString("field"));

        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> await(client.connect(options("?call_id=not-a-uuid", "acme"))));
        assertEquals(400, assertInstanceOf(UpgradeRejectedException.class, refused.getCause()).getStatus());
    }

    @Test
    void missingKeyIs401AndPlainGetIs400() throws Exception {
        serve(64 * 1024);
        HttpResponse<String> noKey = plainGet("", null);
        assertEquals(401, noKey.statusCode());
        assertEquals("TEL-008", new JsonObject(noKey.body()).getJsonObject("error").getString("code"));
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> await(client.connect(options("", null))));
        assertEquals(401, assertInstanceOf(UpgradeRejectedException.class, refused.getCause()).getStatus());

        HttpResponse<String> notUpgrade = plainGet("?types=call.*", "acme");
        assertEquals(400, notUpgrade.statusCode());
        JsonObject error = new JsonObject(notUpgrade.body()).getJsonObject("error");
        assertEquals("TEL-011", error.getString("code"));
        assertEquals("upgrade", error.getJsonObject("details").getString("field"));
    }

    @Test
    void slowClientIsClosedWith1008WhileAFastClientGetsEveryEvent() throws Exception {
        serve(16 * 1024);
        Stream fast = open("");
        // a small receive window, so that the kernel does not absorb megabytes for the slow client
        WebSocketClient slowClient = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(8192));
        Stream slow = new Stream(slowClient);
        await(slow.socket.connect(options("", "acme")).onSuccess(ws -> ws.pause()));
        // the client sees the upgrade before the server has registered the socket: wait for both
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openStreams() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, openStreams(), "both sockets registered");

        List<String> published = new ArrayList<>();
        int batch = 8;                        // 8 x ~1 KB: below the 16 KB queue of a client that reads
        while (api.laggedDisconnects() == 0 && published.size() < 40_000) {
            for (int i = 0; i < batch; i++) {
                published.add(publish(EventTypes.CALL_RINGING, "acme", Map.of("call_id", CALL, "pad", PAD)).id());
            }
            for (int i = published.size() - batch; i < published.size(); i++) {
                assertEquals(published.get(i), fast.next().getString("id"), "fast client, event " + i);
            }
        }
        assertEquals(1, api.laggedDisconnects(), "the slow client fell behind after " + published.size() + " events");
        for (int i = 0; i < 50; i++) {   // the fast client goes on unaffected
            published.add(publish(EventTypes.CALL_RINGING, "acme", Map.of("call_id", CALL, "pad", PAD)).id());
        }
        for (int i = published.size() - 50; i < published.size(); i++) {
            assertEquals(published.get(i), fast.next().getString("id"));
        }
        assertTrue(fast.frames.isEmpty());
        assertTrue(!fast.closed.isDone(), "fast client still open");

        slow.socket.resume();   // read the backlog: the events it got, stream.lagged, then the close
        assertEquals((short) 1008, slow.closed.get(15, TimeUnit.SECONDS));
        assertEquals("fell behind", slow.closeReason);
        List<JsonObject> frames = new ArrayList<>(slow.frames);
        assertEquals("stream.opened", frames.get(0).getString("type"));
        JsonObject lagged = frames.get(frames.size() - 1);
        assertEquals("stream.lagged", lagged.getString("type"));
        assertEquals(16 * 1024, lagged.getJsonObject("data").getInteger("max_queued_bytes"));
        List<JsonObject> events = frames.subList(1, frames.size() - 1);
        assertTrue(events.size() < published.size(), "the slow client got less: " + events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(published.get(i), events.get(i).getString("id"), "slow client: a prefix, in order");
        }
    }

    @Test
    void stopClosesSocketsWith1001() throws Exception {
        serve(64 * 1024);
        Stream stream = open("");
        await(api.stop());
        assertEquals((short) 1001, stream.closed.get(15, TimeUnit.SECONDS));
    }
}
