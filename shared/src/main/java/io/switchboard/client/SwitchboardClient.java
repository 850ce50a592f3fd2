package io.switchboard.client;

import io.switchboard.contract.bus.ApiAddresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.call.MessageRequest;
import io.switchboard.contract.model.RoutePlan;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.Objects;

/**
 * A typed client of Switchboard's public event-bus API ({@link ApiAddresses}) for a service in
 * another JVM that joined the cluster (clustered Vert.x with the Hazelcast cluster manager, the
 * contract codecs registered once with {@link io.switchboard.contract.bus.Codecs#registerAll}).
 *
 * <p>Each request carries the API key in the {@link ApiAddresses#AUTHORIZATION} header; the
 * http-api role's gateway authorizes it like REST and acts for the key's tenant only. The
 * {@code tenantId} of the records sent is therefore ignored: pass {@link #ANY_TENANT}.
 *
 * <p>Every method's future fails with a {@link io.switchboard.contract.error.SwitchboardException}
 * (the TEL error the gateway or the operation sent back, see {@link ApiAddresses}; TEL-007 when no
 * answer came within the time-out; TEL-009 when no http-api node serves the address).
 *
 * <pre>{@code
 * Codecs.registerAll(vertx.eventBus());
 * SwitchboardClient sb = new SwitchboardClient(vertx.eventBus(), "sk_live_...");
 * sb.createCall(new CallRequest(SwitchboardClient.ANY_TENANT, "order-42", E164.parse("+442071838750"),
 *         E164.parse("+442079460000"), null, null, false, null, null))
 *   .onSuccess(call -> System.out.println(call.id() + " " + call.state()));
 * }</pre>
 */
public final class SwitchboardClient {

    /** Placeholder for the records' {@code tenantId}: the gateway replaces it with the key's tenant. */
    public static final String ANY_TENANT = "";

    /** Default time-out of {@link #SwitchboardClient(EventBus, String)}: 35 s, above a call's routing time. */
    public static final long DEFAULT_TIMEOUT_MS = 35_000;

    private final EventBus bus;
    private final DeliveryOptions options;

    /**
     * @param bus the event bus of a clustered Vert.x that joined Switchboard's cluster
     * @param apiKey an API key ({@code sk_live_...} or {@code sk_test_...})
     */
    public SwitchboardClient(EventBus bus, String apiKey) {
        this(bus, apiKey, DEFAULT_TIMEOUT_MS);
    }

    /**
     * @param bus the event bus of a clustered Vert.x that joined Switchboard's cluster
     * @param apiKey an API key ({@code sk_live_...} or {@code sk_test_...})
     * @param timeoutMs how long to wait for each answer, ms (a call's creation includes its routing
     *     and failover: keep it above {@code calls.route-timeout-ms})
     */
    public SwitchboardClient(EventBus bus, String apiKey, long timeoutMs) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.options = new DeliveryOptions().setSendTimeout(timeoutMs)
                .addHeader(ApiAddresses.AUTHORIZATION, "Bearer " + Objects.requireNonNull(apiKey, "apiKey"));
    }

    /**
     * {@link ApiAddresses#ROUTES_EXPLAIN}: the plan a router would follow (nothing is placed).
     *
     * @param request the destination, service and options; its {@code tenantId} is ignored
     * @return the plan
     */
    public Future<RoutePlan> explainRoute(RouteRequest request) {
        return ask(ApiAddresses.ROUTES_EXPLAIN, request);
    }

    /**
     * {@link ApiAddresses#CALLS_CREATE}: places a call.
     *
     * @param request the call; its {@code tenantId} is ignored
     * @return the call after routing (state {@code initiated})
     */
    public Future<CallRecord> createCall(CallRequest request) {
        return ask(ApiAddresses.CALLS_CREATE, request);
    }

    /**
     * {@link ApiAddresses#CALLS_GET}: one call, live or finished.
     *
     * @param callId the call's id (a UUID)
     * @return the call
     */
    public Future<CallRecord> getCall(String callId) {
        return ask(ApiAddresses.CALLS_GET, new CallLookup(ANY_TENANT, callId));
    }

    /**
     * {@link ApiAddresses#CALLS_HANGUP}: hangs up (or cancels) a live call.
     *
     * @param callId the call's id (a UUID)
     * @return the ended call
     */
    public Future<CallRecord> hangup(String callId) {
        return ask(ApiAddresses.CALLS_HANGUP, new CallLookup(ANY_TENANT, callId));
    }

    /**
     * {@link ApiAddresses#MESSAGES_SEND}: sends an SMS.
     *
     * @param request the message; its {@code tenantId} is ignored
     * @return the message (state {@code sent} once a carrier accepted it)
     */
    public Future<CallRecord> sendMessage(MessageRequest request) {
        return ask(ApiAddresses.MESSAGES_SEND, request);
    }

    private <T> Future<T> ask(String address, Object body) {
        return bus.<T>request(address, body, options).map(Message::body)
                .recover(error -> Future.failedFuture(BusErrors.toException(error, address)));
    }
}
