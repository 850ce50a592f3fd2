package io.switchboard.api.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.switchboard.contract.grpc.Call;
import io.switchboard.contract.grpc.CallServiceGrpc;
import io.switchboard.contract.grpc.CallServiceGrpcClient;
import io.switchboard.contract.grpc.CreateCallRequest;
import io.switchboard.contract.grpc.Event;
import io.switchboard.contract.grpc.ExplainRouteRequest;
import io.switchboard.contract.grpc.GetCallRequest;
import io.switchboard.contract.grpc.HangupCallRequest;
import io.switchboard.contract.grpc.RoutePlan;
import io.switchboard.contract.grpc.RouteServiceGrpc;
import io.switchboard.contract.grpc.RouteServiceGrpcClient;
import io.switchboard.contract.grpc.StreamEventsRequest;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gRPC door against a real node (every role, embedded PostgreSQL, sandbox Twilio and Telnyx
 * with decks imported over REST), through both a Vert.x gRPC client (the stubs the Vert.x protoc
 * plugin generates in the shared module) and a stock grpc-java client (Netty, stubs from
 * protoc-gen-grpc-java built from the same .proto): explain a route, create a call, get it,
 * stream its events, hang it up; bad input is INVALID_ARGUMENT naming the field; a missing or
 * malformed key is UNAUTHENTICATED.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcApiTest {

    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final String LONDON = "+442071838750";
    private static final String CALLER = "+442079460000";
    /** The test node's admin key. */
    private static final String KEY = io.switchboard.node.TestNodes.ADMIN_KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;

    private Node node;
    private Vertx clientVertx;
    private GrpcClient vertxClient;
    private SocketAddress grpcAddress;
    private ManagedChannel channel;

    @BeforeAll
    void start() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir)
                .put("router", new JsonObject().put("attempt-timeout-ms", 3000))
                .put("sandbox", new JsonObject().put("enabled", "true")
                        .put("providers", new JsonArray().add("twilio").add("telnyx"))
                        .put("busy-percent", 0).put("no-answer-percent", 0).put("failed-percent", 0)
                        // calls ring for 20 s: every hang-up here cancels a ringing call
                        .put("ring-ms", 20_000).put("duration-min-ms", 2000).put("duration-max-ms", 2000));
        node = Node.start(TestNodes.config(layer), "grpc-api");
        assertTrue(node.grpcPort() > 0, "gRPC is served");
        deck("twilio", "voice", "44,United Kingdom,0.0050,0,6,6,2026-01-01,,USD\n");
        deck("telnyx", "voice", "44,United Kingdom,0.0090,0.0100,60,60,2026-01-01,,USD\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!send("GET", "/v1/routes?to=%2B442071838750&service=voice").contains("telnyx")) {
            assertTrue(System.nanoTime() < deadline, "routers loaded both decks");
            Thread.sleep(100);
        }
        clientVertx = Vertx.vertx();
        vertxClient = GrpcClient.client(clientVertx);
        grpcAddress = SocketAddress.inetSocketAddress(node.grpcPort(), "127.0.0.1");
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", node.grpcPort()).usePlaintext().build();
    }

    @AfterAll
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (clientVertx != null) {
            clientVertx.close().await(10, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.stop();
        }
    }

    // ---------------------------------------------------------------- Vert.x gRPC client

    @Test
    void vertxClientExplainsCreatesGetsStreamsAndHangsUp() throws Exception {
        RoutePlan plan = vertxUnary(RouteServiceGrpcClient.Explain,
                ExplainRouteRequest.newBuilder().setTo(LONDON).setService("voice").build(), KEY).body();
        assertEquals(List.of("twilio", "telnyx"), plan.getCandidatesList().stream().map(c -> c.getCarrier()).toList());
        assertEquals("44", plan.getCandidates(0).getMatchedPrefix());
        assertEquals(0, new BigDecimal("0.0050").compareTo(new BigDecimal(plan.getCandidates(0).getRate().getAmount())));
        assertEquals("USD", plan.getCandidates(0).getRate().getCurrency());
        assertEquals("+442071838750", plan.getDestination());

        // the stream first: its response headers arrive once the server has subscribed it
        List<Event> events = new CopyOnWriteArrayList<>();
        var streamRequest = vertxClient.request(grpcAddress, CallServiceGrpcClient.StreamEvents).await(10, TimeUnit.SECONDS);
        streamRequest.headers().set("authorization", "Bearer " + KEY);
        GrpcClientResponse<StreamEventsRequest, Event> stream = streamRequest
                .send(StreamEventsRequest.newBuilder().addTypes("call.*").build()).await(10, TimeUnit.SECONDS);
        assertEquals(null, stream.status(), "the stream is open");
        stream.handler(events::add);

        Call created = vertxUnary(CallServiceGrpcClient.Create, CreateCallRequest.newBuilder().setTo(LONDON).setFrom(CALLER)
                .setMetadataJson("{\"order\":42}").build(), KEY).body();
        assertEquals("initiated", created.getState());
        assertEquals("twilio", created.getCarrier(), "the cheaper carrier");
        assertEquals(LONDON, created.getTo());
        String id = created.getId();

        Call got = vertxUnary(CallServiceGrpcClient.Get, GetCallRequest.newBuilder().setId(id).build(), KEY).body();
        assertEquals(id, got.getId());
        assertEquals(42, new JsonObject(got.getMetadataJson()).getInteger("order"));
        assertEquals(1, got.getAttemptsCount());

        Call hung = vertxUnary(CallServiceGrpcClient.Hangup, HangupCallRequest.newBuilder().setId(id).build(), KEY).body();
        assertEquals("canceled", hung.getState());
        assertTrue(hung.hasEndedAt(), hung.toString());

        awaitTrue("call.initiated and call.failed of " + id + " streamed", () -> types(events, id).containsAll(
                List.of("call.initiated", "call.failed")));
        assertTrue(events.stream().allMatch(e -> e.getTenantId().equals("00000000-0000-0000-0000-000000000001")));
        assertTrue(events.stream().allMatch(e -> e.getType().startsWith("call.")), "only the types asked for");
        streamRequest.cancel();
    }

    @Test
    void vertxClientGetsInvalidArgumentNamingTheFieldAndUnauthenticatedWithoutKey() throws Exception {
        Result<Call> badTo = vertxUnary(CallServiceGrpcClient.Create,
                CreateCallRequest.newBuilder().setTo("+1555").setFrom(CALLER).build(), KEY);
        badTo.assertError(GrpcStatus.INVALID_ARGUMENT, "TEL-001", "to");
        vertxUnary(CallServiceGrpcClient.Create, CreateCallRequest.newBuilder().setTo(LONDON).build(), KEY)
                .assertError(GrpcStatus.INVALID_ARGUMENT, "TEL-011", "from");
        vertxUnary(CallServiceGrpcClient.Create, CreateCallRequest.newBuilder().setTo(LONDON).setFrom(CALLER).setTimeoutS(0).build(),
                KEY).assertError(GrpcStatus.INVALID_ARGUMENT, "TEL-011", "timeout_s");
        vertxUnary(CallServiceGrpcClient.Create, CreateCallRequest.newBuilder().setTo(LONDON).setFrom(CALLER)
                .setMetadataJson("[1]").build(), KEY).assertError(GrpcStatus.INVALID_ARGUMENT, "TEL-011", "metadata_json");
        vertxUnary(CallServiceGrpcClient.Get, GetCallRequest.newBuilder().setId("not-a-uuid").build(), KEY)
                .assertError(GrpcStatus.INVALID_ARGUMENT, "TEL-011", "id");
        vertxUnary(CallServiceGrpcClient.Get, GetCallRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), KEY)
                .assertError(GrpcStatus.NOT_FOUND, "TEL-013", null);
        vertxUnary(RouteServiceGrpcClient.Explain, ExplainRouteRequest.newBuilder().setTo(LONDON).setService("telegram").build(), KEY)
                .assertError(GrpcStatus.INVALID_ARGUMENT, "TEL-011", "service");
        RoutePlan nowhere = vertxUnary(RouteServiceGrpcClient.Explain, ExplainRouteRequest.newBuilder().setTo("+81312345678")
                .build(), KEY).body();
        assertEquals(0, nowhere.getCandidatesCount(), "no carrier covers Japan: an empty plan, as GET /v1/routes");

        vertxUnary(RouteServiceGrpcClient.Explain, ExplainRouteRequest.newBuilder().setTo(LONDON).build(), null)
                .assertError(GrpcStatus.UNAUTHENTICATED, "TEL-008", null);
        Result<Call> basic = vertxUnary(CallServiceGrpcClient.Get, GetCallRequest.newBuilder().setId(UUID.randomUUID().toString())
                .build(), "Basic dXNlcjpwYXNz");
        basic.assertError(GrpcStatus.UNAUTHENTICATED, "TEL-008", "authorization");
    }

    // ---------------------------------------------------------------- stock grpc-java client

    @Test
    void grpcJavaClientExplainsCreatesGetsStreamsAndHangsUp() throws Exception {
        Channel authed = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(bearer(KEY)));
        var routes = RouteServiceGrpc.newBlockingStub(authed).withDeadlineAfter(10, TimeUnit.SECONDS);
        RoutePlan plan = routes.explain(ExplainRouteRequest.newBuilder().setTo(LONDON).build());
        assertEquals("twilio", plan.getCandidates(0).getCarrier());
        assertEquals("voice", plan.getService());

        HeadersSeen opened = new HeadersSeen();
        List<Event> events = new CopyOnWriteArrayList<>();
        List<Throwable> streamErrors = new CopyOnWriteArrayList<>();
        CallServiceGrpc.newStub(io.grpc.ClientInterceptors.intercept(authed, opened))
                .streamEvents(StreamEventsRequest.newBuilder().addTypes("call.initiated").addTypes("call.failed").build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(Event value) {
                                events.add(value);
                            }

                            @Override
                            public void onError(Throwable t) {
                                streamErrors.add(t);
                            }

                            @Override
                            public void onCompleted() {
                            }
                        });
        assertTrue(opened.latch.await(10, TimeUnit.SECONDS), "stream opened: " + streamErrors);

        var calls = CallServiceGrpc.newBlockingStub(authed).withDeadlineAfter(30, TimeUnit.SECONDS);
        Call created = calls.create(CreateCallRequest.newBuilder().setTo(LONDON).setFrom(CALLER)
                .setStatusCallback("https://example.com/hooks").setTimeoutS(45).build());
        assertEquals("initiated", created.getState());
        assertEquals(45, created.getTimeoutS());
        String id = created.getId();
        Call got = calls.get(GetCallRequest.newBuilder().setId(id).build());
        assertEquals(id, got.getId());
        assertEquals("https://example.com/hooks", got.getStatusCallback());
        Call hung = calls.hangup(HangupCallRequest.newBuilder().setId(id).build());
        assertEquals("canceled", hung.getState());
        assertTrue(hung.hasEndedAt());

        awaitTrue("both events of " + id, () -> types(events, id).containsAll(List.of("call.initiated", "call.failed")));
        assertTrue(streamErrors.isEmpty(), streamErrors.toString());
        assertFalse(events.stream().anyMatch(e -> e.getType().equals("call.ringing")), "only the types asked for");

        // hang-up is idempotent: once the call has ended (and whether or not PostgreSQL holds it yet), a
        // repeated hang-up answers the ended call; an unknown id is NOT_FOUND (TEL-013)
        for (int i = 0; i < 3; i++) {
            assertEquals("canceled", calls.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .hangup(HangupCallRequest.newBuilder().setId(id).build()).getState());
            Thread.sleep(500);
        }
        StatusRuntimeException gone = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> calls.withDeadlineAfter(30, TimeUnit.SECONDS).hangup(HangupCallRequest.newBuilder()
                        .setId(java.util.UUID.randomUUID().toString()).build()));
        assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode(), "unknown: " + gone.getStatus());
        assertEquals("TEL-013", gone.getTrailers().get(key(GrpcErrors.CODE_TRAILER)));
    }

    @Test
    void grpcJavaClientGetsInvalidArgumentNamingTheFieldAndUnauthenticatedWithoutKey() {
        Channel authed = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(bearer(KEY)));
        var calls = CallServiceGrpc.newBlockingStub(authed).withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException badTo = assertThrows(StatusRuntimeException.class,
                () -> calls.create(CreateCallRequest.newBuilder().setTo("020 7183 8750").setFrom(CALLER).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, badTo.getStatus().getCode());
        assertTrue(badTo.getStatus().getDescription().startsWith("TEL-001: "), badTo.getStatus().getDescription());
        assertEquals("TEL-001", badTo.getTrailers().get(key(GrpcErrors.CODE_TRAILER)));
        assertEquals("to", badTo.getTrailers().get(key(GrpcErrors.FIELD_TRAILER)));
        assertEquals("to", new JsonObject(badTo.getTrailers().get(key(GrpcErrors.DETAILS_TRAILER))).getString("field"));

        StatusRuntimeException badCallback = assertThrows(StatusRuntimeException.class,
                () -> calls.create(CreateCallRequest.newBuilder().setTo(LONDON).setFrom(CALLER).setStatusCallback("ftp://x").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, badCallback.getStatus().getCode());
        assertEquals("status_callback", badCallback.getTrailers().get(key(GrpcErrors.FIELD_TRAILER)));

        var events = CallServiceGrpc.newBlockingStub(authed).withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException badTypes = assertThrows(StatusRuntimeException.class,
                () -> events.streamEvents(StreamEventsRequest.newBuilder().addTypes("planet.*").build()).hasNext());
        assertEquals(Status.Code.INVALID_ARGUMENT, badTypes.getStatus().getCode());
        assertEquals("types", badTypes.getTrailers().get(key(GrpcErrors.FIELD_TRAILER)));

        var anonymous = CallServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                () -> anonymous.get(GetCallRequest.newBuilder().setId(UUID.randomUUID().toString()).build()));
        assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
        assertEquals("TEL-008", missing.getTrailers().get(key(GrpcErrors.CODE_TRAILER)));
        StatusRuntimeException missingStream = assertThrows(StatusRuntimeException.class,
                () -> CallServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .streamEvents(StreamEventsRequest.getDefaultInstance()).hasNext());
        assertEquals(Status.Code.UNAUTHENTICATED, missingStream.getStatus().getCode());
    }

    // ---------------------------------------------------------------- helpers

    private record Result<T>(GrpcStatus status, String message, MultiMap metadata, T body) {

        void assertError(GrpcStatus expected, String code, String field) {
            assertEquals(expected, status, message);
            assertNotNull(message);
            assertTrue(message.startsWith(code + ": "), message);
            assertEquals(code, metadata.get(GrpcErrors.CODE_TRAILER), message);
            assertEquals(field, metadata.get(GrpcErrors.FIELD_TRAILER), message);
        }
    }

    /** One unary call through the Vert.x client; a non-OK status is returned, not thrown. */
    private <Q, R> Result<R> vertxUnary(ServiceMethod<R, Q> method, Q request, String key) throws Exception {
        return vertxClient.request(grpcAddress, method).compose(req -> {
            if (key != null) {
                req.headers().set("authorization", key.startsWith("Basic ") ? key : "Bearer " + key);
            }
            return req.send(request);
        }).compose(resp -> resp.last().map(body -> new Result<>(resp.status(), null, resp.trailers(), body))
                .recover(error -> {
                    MultiMap metadata = MultiMap.caseInsensitiveMultiMap().addAll(resp.headers()).addAll(resp.trailers());
                    return Future.succeededFuture(new Result<>(resp.status(), resp.statusMessage(), metadata, null));
                })).await(30, TimeUnit.SECONDS);
    }

    private static List<String> types(List<Event> events, String callId) {
        return events.stream().filter(e -> new JsonObject(e.getDataJson()).getString("call_id", "").equals(callId))
                .map(Event::getType).toList();
    }

    private static Metadata bearer(String key) {
        Metadata headers = new Metadata();
        headers.put(key("authorization"), "Bearer " + key);
        return headers;
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    /** Counts down when a call's response headers arrive (the server subscribed the stream). */
    private static final class HeadersSeen implements ClientInterceptor {
        final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onHeaders(Metadata received) {
                            latch.countDown();
                            super.onHeaders(received);
                        }
                    }, headers);
                }
            };
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private void deck(String carrier, String service, String rows) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
                        + "/v1/decks?carrier=" + carrier + "&service=" + service))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(HEADER + rows)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }

    private String send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
