package io.switchboard.api.bus;

import io.switchboard.api.BearerToken;
import io.switchboard.api.CallFinder;
import io.switchboard.api.auth.ApiKeyAuthenticator;
import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.api.auth.Scopes;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.ApiAddresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.call.MessageRequest;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.RoutePlan;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The event-bus door of the http-api role: consumers of the public addresses of
 * {@link ApiAddresses}, each authorized like REST and forwarded to the internal address.
 *
 * <p>For every request: the {@link ApiAddresses#AUTHORIZATION} header ({@code Bearer <key>}) is
 * verified by the {@link ApiKeyAuthenticator} (the event bus tells no client address: an empty
 * one is passed, so a key restricted to an IP allow-list cannot be used here); the scope is checked
 * ({@code routes:read}, {@code calls:write}, {@code calls:read}, {@code calls:write},
 * {@code messages:write}); the body must be the address's record; {@link BusRequests} validates it
 * and replaces its tenant with the key's; then the internal address answers
 * ({@link Addresses#ROUTER_PLAN}, {@link Addresses#CALLS_CREATE}, {@link CallFinder} for gets,
 * {@link Addresses#CALLS_HANGUP}, {@link Addresses#MESSAGES_SEND}). Failures are sent back with
 * {@link BusErrors#fail}.
 *
 * <p>Clustered consumers: with several http-api nodes, requests are spread over them.
 */
public final class BusGateway {

    private final EventBus bus;
    private final ApiKeyAuthenticator authenticator;
    private final CallFinder calls;
    private final int maxSegments;
    private final io.switchboard.api.limits.DoorLimits limits;
    private final DeliveryOptions routing;
    private final DeliveryOptions quick = new DeliveryOptions().setSendTimeout(10_000);
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();

    /**
     * @param bus the (clustered) event bus
     * @param authenticator verifies API keys
     * @param calls finds live or stored calls
     * @param routeTimeoutMs {@code calls.route-timeout-ms}: how long a create or send may take
     * @param maxSegments {@code calls.max-message-segments}
     * @param limits the rate limits per key (calls.create counts as {@code voice}, messages.send as {@code sms})
     *     and the tenant's concurrent-call limit
     */
    public BusGateway(EventBus bus, ApiKeyAuthenticator authenticator, CallFinder calls, long routeTimeoutMs,
            int maxSegments, io.switchboard.api.limits.DoorLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.routing = new DeliveryOptions().setSendTimeout(routeTimeoutMs + 5_000);
        this.maxSegments = maxSegments;
    }

    /** @return completes when every consumer is registered in the cluster */
    public Future<Void> start() {
        serve(ApiAddresses.ROUTES_EXPLAIN, RouteRequest.class, Scopes.ROUTES_READ, Addresses.ROUTER_PLAN,
                (r, p) -> bus.<RoutePlan>request(Addresses.ROUTER_PLAN, BusRequests.route(r, p), quick)
                        .map(Message::body));
        serve(ApiAddresses.CALLS_CREATE, CallRequest.class, Scopes.CALLS_WRITE, Addresses.CALLS_CREATE,
                (r, p) -> {
                    CallRequest call = BusRequests.call(r, p);
                    return limits.admit(p, io.switchboard.api.limits.Operation.VOICE)
                            .compose(v -> limits.placeCall(p, () -> bus.<CallRecord>request(Addresses.CALLS_CREATE, call,
                                    routing).map(Message::body)));
                });
        serve(ApiAddresses.CALLS_GET, CallLookup.class, Scopes.CALLS_READ, Addresses.CALLS_GET, (r, p) -> {
            CallLookup lookup = BusRequests.lookup(r, p.tenantId());
            return calls.find(lookup.tenantId(), lookup.id(), true);
        });
        serve(ApiAddresses.CALLS_HANGUP, CallLookup.class, Scopes.CALLS_WRITE, Addresses.CALLS_HANGUP,
                (r, p) -> {
                    CallLookup lookup = BusRequests.lookup(r, p.tenantId());
                    return calls.hangup(lookup.tenantId(), lookup.id(), routing);
                });
        serve(ApiAddresses.MESSAGES_SEND, MessageRequest.class, Scopes.MESSAGES_WRITE, Addresses.MESSAGES_SEND,
                (r, p) -> {
                    MessageRequest message = BusRequests.message(r, p, maxSegments);
                    return limits.admit(p, io.switchboard.api.limits.Operation.SMS)
                            .compose(v -> bus.<CallRecord>request(Addresses.MESSAGES_SEND, message, routing))
                            .map(Message::body);
                });
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    }

    /** @return completes when every consumer is unregistered */
    public Future<Void> stop() {
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    }

    private <T> void serve(String address, Class<T> type, String scope, String internal,
            BiFunction<T, ApiPrincipal, Future<?>> operation) {
        consumers.add(bus.<Object>consumer(address, message -> {
            Future<?> result;
            try {
                Object body = message.body();
                if (!type.isInstance(body)) {
                    throw SwitchboardException.invalidField(ErrorCode.TEL_011, "body", "body: expected a "
                            + type.getSimpleName() + " (codecs registered with Codecs.registerAll)");
                }
                String key = BearerToken.key(message.headers().get(ApiAddresses.AUTHORIZATION));
                result = authenticator.authenticate(key, "").compose(principal -> {
                    principal.require(scope);
                    return operation.apply(type.cast(body), principal);
                });
            } catch (SwitchboardException e) {
                result = Future.failedFuture(e);
            }
            result.onSuccess(message::reply)
                    .onFailure(error -> BusErrors.fail(message, BusErrors.toException(error, internal)));
        }));
    }
}
