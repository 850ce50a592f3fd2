package io.switchboard.api.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.cluster.HazelcastConfigFactory;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.bus.ApiAddresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.call.MessageRequest;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public event-bus API from another cluster member: a Switchboard node (every role, embedded
 * PostgreSQL, sandbox Twilio and Telnyx) and, in the same JVM, a plain clustered Vert.x that only
 * joined its Hazelcast cluster and registered the contract codecs, using {@link SwitchboardClient}.
 * Route explanation, call creation, get, hang-up, SMS; the tenant in a record is replaced by the
 * key's; a missing or malformed key is TEL-008; bad input is TEL-011 naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusGatewayTest {

    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";
    private static final String DEFAULT_TENANT = "00000000-0000-0000-0000-000000000001";
    private static final String OTHER_TENANT = "99999999-9999-9999-9999-999999999999";
    private static final E164 LONDON = E164.parse("+442071838750");
    private static final E164 CALLER = E164.parse("+442079460000");
    /** The test node's admin key. */
    private static final String KEY = io.switchboard.node.TestNodes.ADMIN_KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;

    private Node node;
    private Vertx service;
    private SwitchboardClient client;

    @BeforeAll
    void start() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir)
                .put("sandbox", new JsonObject().put("enabled", "true")
                        .put("providers", new JsonArray().add("twilio").add("telnyx"))
                        .put("busy-percent", 0).put("no-answer-percent", 0).put("failed-percent", 0)
                        .put("ring-ms", 20_000).put("duration-min-ms", 2000).put("duration-max-ms", 2000));
        SwitchboardConfig config = TestNodes.config(layer);
        node = Node.start(config, "bus-gateway");
        deck("twilio", "voice", "44,United Kingdom,0.0050,0,6,6,2026-01-01,,USD\n");
        deck("telnyx", "voice", "44,United Kingdom,0.0090,0.0100,60,60,2026-01-01,,USD\n");
        deck("twilio", "sms", "44,United Kingdom,0.0400,0,1,1,2026-01-01,,USD\n");

        // the other service: its own Hazelcast member joining the node's cluster, nothing of Switchboard but the contract
        SwitchboardConfig.Cluster nodeCluster = config.cluster();
        int port = TestNodes.freePort();
        SwitchboardConfig.Cluster mine = new SwitchboardConfig.Cluster(nodeCluster.name(), "", "127.0.0.1", port,
                List.of(nodeCluster.members().get(0), "127.0.0.1:" + port), 1, 60_000);
        service = Vertx.builder().with(new io.vertx.core.VertxOptions().setEventBusOptions(new io.vertx.core.eventbus.EventBusOptions()
                        .setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"))).withClusterManager(new HazelcastClusterManager(HazelcastConfigFactory.create(mine)))
                .buildClustered().await(60, TimeUnit.SECONDS);
        Codecs.registerAll(service.eventBus());
        client = new SwitchboardClient(service.eventBus(), KEY);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Object last = null;
        while (true) {
            try {
                RoutePlan plan = client.explainRoute(RouteRequest.of("warm-up", Service.VOICE, LONDON)).await(10, TimeUnit.SECONDS);
                last = plan;
                if (plan.candidates().size() == 2) {
                    break;
                }
            } catch (Exception notYet) {
                last = notYet;
                // the gateway's registration is still spreading through the cluster
            }
            assertTrue(System.nanoTime() < deadline, "the gateway answers the other member with both carriers: " + last);
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) {
            service.close().await(30, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void anotherMemberExplainsCreatesGetsAndHangsUpForTheKeysTenantOnly() throws Exception {
        RoutePlan plan = client.explainRoute(RouteRequest.of("explain-1", Service.VOICE, LONDON)).await(10, TimeUnit.SECONDS);
        assertEquals(List.of("twilio", "telnyx"), plan.candidates().stream().map(RoutePlan.Candidate::carrier).toList());

        // the record claims another tenant: the gateway acts for the key's tenant instead
        CallRecord created = client.createCall(new CallRequest(OTHER_TENANT, "order-42", LONDON, CALLER, "Shop", 30, false,
                null, JsonNodeFactory.instance.objectNode().put("order", 42))).await(30, TimeUnit.SECONDS);
        assertEquals(DEFAULT_TENANT, created.tenantId(), "never the tenant named in the record");
        assertEquals("initiated", created.state());
        assertEquals("twilio", created.carrier());

        CallRecord got = client.getCall(created.id()).await(10, TimeUnit.SECONDS);
        assertEquals(created.id(), got.id());
        assertEquals(42, got.metadata().get("order").asInt());

        CallRecord hung = client.hangup(created.id()).await(30, TimeUnit.SECONDS);
        assertEquals("canceled", hung.state());

        CallRecord sms = client.sendMessage(new MessageRequest(OTHER_TENANT, null, LONDON, CALLER, "Your code is 1234",
                null, null)).await(30, TimeUnit.SECONDS);
        assertEquals(DEFAULT_TENANT, sms.tenantId());
        assertEquals("sent", sms.state());
        assertEquals(1, sms.segments());
    }

    @Test
    void missingOrMalformedKeysAreTel008() throws Exception {
        SwitchboardException none = failure(service.eventBus().request(ApiAddresses.CALLS_GET,
                new CallLookup("", UUID.randomUUID().toString()), new DeliveryOptions().setSendTimeout(10_000)), ApiAddresses.CALLS_GET);
        assertEquals("TEL-008", none.code().code(), none.getMessage());
        SwitchboardException basic = failure(service.eventBus().request(ApiAddresses.ROUTES_EXPLAIN,
                RouteRequest.of("x", Service.VOICE, LONDON), new DeliveryOptions().setSendTimeout(10_000)
                        .addHeader(ApiAddresses.AUTHORIZATION, "Basic dXNlcjpwYXNz")), ApiAddresses.ROUTES_EXPLAIN);
        assertEquals("TEL-008", basic.code().code());
        assertEquals("authorization", basic.details().get("field"));
    }

    @Test
    void badInputIsTel011NamingTheField() throws Exception {
        assertField(client.createCall(new CallRequest("", null, LONDON, CALLER, null, 0, false, null, null)),
                "TEL-011", "timeout_s");
        assertField(client.createCall(new CallRequest("", null, LONDON, null, null, null, false, null, null)),
                "TEL-011", "from");
        assertField(client.createCall(new CallRequest("", null, LONDON, CALLER, null, null, false, "ftp://x", null)),
                "TEL-011", "status_callback");
        assertField(client.sendMessage(new MessageRequest("", null, LONDON, CALLER, "", null, null)), "TEL-011", "body");
        assertField(client.sendMessage(new MessageRequest("", null, LONDON, CALLER, "x".repeat(1601), null, null)),
                "TEL-011", "body");
        assertField(client.getCall("not-a-uuid"), "TEL-011", "id");
        SwitchboardException unknown = failure(client.getCall(UUID.randomUUID().toString()), ApiAddresses.CALLS_GET);
        assertEquals("TEL-013", unknown.code().code());
        SwitchboardException wrongRecord = failure(service.eventBus().request(ApiAddresses.CALLS_CREATE,
                new CallLookup("", UUID.randomUUID().toString()), new DeliveryOptions().setSendTimeout(10_000)
                        .addHeader(ApiAddresses.AUTHORIZATION, "Bearer " + KEY)), ApiAddresses.CALLS_CREATE);
        assertEquals("TEL-011", wrongRecord.code().code());
        assertEquals("body", wrongRecord.details().get("field"));
    }

    private static void assertField(Future<?> result, String code, String field) throws Exception {
        SwitchboardException error = failure(result, "");
        assertEquals(code, error.code().code(), error.getMessage());
        assertEquals(field, error.details().get("field"), error.getMessage());
    }

    private static SwitchboardException failure(Future<?> result, String address) throws Exception {
        try {
            result.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e;
            while (!(cause instanceof SwitchboardException || cause instanceof io.vertx.core.eventbus.ReplyException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return assertInstanceOf(SwitchboardException.class, BusErrors.toException(cause, address));
        }
        throw new AssertionError("expected a failure, got " + result.result());
    }

    private void deck(String carrier, String svc, String rows) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
                        + "/v1/decks?carrier=" + carrier + "&service=" + svc))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(HEADER + rows)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }
}
