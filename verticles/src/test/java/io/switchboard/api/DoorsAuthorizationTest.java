package io.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.switchboard.api.auth.ApiKeyAuthenticator;
import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.api.auth.Scopes;
import io.switchboard.api.bus.BusGateway;
import io.switchboard.api.grpc.GrpcEndpoint;
import io.switchboard.api.grpc.GrpcErrors;
import io.switchboard.cdr.CdrQueries;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.grpc.Call;
import io.switchboard.contract.grpc.CallServiceGrpc;
import io.switchboard.contract.grpc.CreateCallRequest;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scopes and tenants at the gRPC and event-bus doors, with an {@link ApiKeyAuthenticator} that
 * knows two keys of two tenants (the real one arrives with the API-key work): a key without the
 * RPC's scope is refused (PERMISSION_DENIED / TEL-005) before anything is asked of the cluster; a
 * key with it acts for its own tenant whatever the request says; an unknown key is TEL-008; the
 * authenticator is given the gRPC peer's IP. The lifecycle behind {@link Addresses#CALLS_CREATE}
 * is a consumer echoing the request it received (the end-to-end tests use the real one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoorsAuthorizationTest {

    private static final String READER = "sk_test_reader";
    private static final String WRITER = "sk_test_writer";
    private static final String READER_TENANT = "11111111-1111-1111-1111-111111111111";
    private static final String WRITER_TENANT = "22222222-2222-2222-2222-222222222222";

    private Vertx vertx;
    private GrpcEndpoint grpc;
    private BusGateway gateway;
    private ManagedChannel channel;
    private final List<String> addresses = new CopyOnWriteArrayList<>();
    private final List<CallRequest> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        ApiKeyAuthenticator authenticator = (key, remote, requestId) -> {
            addresses.add(remote);
            if (READER.equals(key)) {
                return Future.succeededFuture(principal(READER_TENANT, Scopes.CALLS_READ));
            }
            if (WRITER.equals(key)) {
                return Future.succeededFuture(principal(WRITER_TENANT, Scopes.CALLS_WRITE));
            }
            return Future.failedFuture(new SwitchboardException(ErrorCode.TEL_008, "unknown API key"));
        };
        vertx.eventBus().<CallRequest>consumer(Addresses.CALLS_CREATE, m -> {
            received.add(m.body());
            CallRequest r = m.body();
            m.reply(new CallRecord("6f1d2a4e-0000-4000-8000-000000000001", r.tenantId(), Service.VOICE, "outbound",
                    r.from().value(), r.to().value(), null, null, false, null, null, null, null, null, "initiated", "twilio",
                    "CA1", null, null, null, null, null, Instant.now(), null, null, null, null, null, null, null, null, null,
                    null, List.of()));
        }).completion().await(10, TimeUnit.SECONDS);
        CdrQueries noStore = new CdrQueries(null); // the RPCs used here never read stored calls
        grpc = new GrpcEndpoint(vertx, noStore, authenticator, 5_000, io.switchboard.api.limits.DoorLimits.OPEN);
        io.vertx.core.Context context = vertx.getOrCreateContext();
        Future.<Void>future(p -> context.runOnContext(v -> grpc.start("127.0.0.1", 0).onComplete(p)))
                .await(10, TimeUnit.SECONDS);
        gateway = new BusGateway(vertx.eventBus(), authenticator, new CallFinder(vertx.eventBus(), noStore), 5_000, 10,
                io.switchboard.api.limits.DoorLimits.OPEN);
        gateway.start().await(10, TimeUnit.SECONDS);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
    }

    @AfterAll
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void grpcChecksTheScopeAndActsForTheKeysTenant() {
        CreateCallRequest create = CreateCallRequest.newBuilder().setTo("+442071838750").setFrom("+442079460000").build();
        int before = received.size();
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> stub(READER).create(create));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals("TEL-005", denied.getTrailers().get(Metadata.Key.of(GrpcErrors.CODE_TRAILER, Metadata.ASCII_STRING_MARSHALLER)));
        assertEquals(Scopes.CALLS_WRITE, new JsonObject(denied.getTrailers().get(Metadata.Key.of(GrpcErrors.DETAILS_TRAILER,
                Metadata.ASCII_STRING_MARSHALLER))).getString("scope"));
        assertEquals(before, received.size(), "nothing reached the lifecycle");

        Call call = stub(WRITER).create(create);
        assertEquals(WRITER_TENANT, call.getTenantId());
        assertEquals(WRITER_TENANT, received.get(received.size() - 1).tenantId());
        assertTrue(addresses.contains("127.0.0.1"), "the authenticator saw the peer's address: " + addresses);

        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> stub("sk_test_nobody").create(create));
        assertEquals(Status.Code.UNAUTHENTICATED, unknown.getStatus().getCode());
    }

    @Test
    void theBusChecksTheScopeAndReplacesTheTenant() throws Exception {
        CallRequest claimsReader = new CallRequest(READER_TENANT, "r-1", E164.parse("+442071838750"),
                E164.parse("+442079460000"), null, null, false, null, null);
        SwitchboardException denied = assertThrows(SwitchboardException.class,
                () -> new SwitchboardClient(vertx.eventBus(), READER).createCall(claimsReader).await(10, TimeUnit.SECONDS));
        assertEquals(ErrorCode.TEL_005, denied.code());

        CallRecord made = new SwitchboardClient(vertx.eventBus(), WRITER).createCall(claimsReader).await(10, TimeUnit.SECONDS);
        assertEquals(WRITER_TENANT, made.tenantId(), "the key's tenant, not the one in the record");

        SwitchboardException unknown = assertThrows(SwitchboardException.class,
                () -> new SwitchboardClient(vertx.eventBus(), "sk_test_nobody").createCall(claimsReader).await(10, TimeUnit.SECONDS));
        assertEquals(ErrorCode.TEL_008, unknown.code());
    }

    private CallServiceGrpc.CallServiceBlockingStub stub(String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return CallServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static ApiPrincipal principal(String tenant, String scope) {
        return new ApiPrincipal("key-" + tenant.charAt(0), tenant, false, Set.of(scope), "starter", Map.of());
    }
}
