package io.switchboard.api.grpc;

import io.switchboard.api.CallFinder;
import io.switchboard.api.auth.ApiKeyAuthenticator;
import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.api.auth.Scopes;
import io.switchboard.api.events.EventFilter;
import io.switchboard.cdr.CdrQueries;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.grpc.CallServiceGrpcService;
import io.switchboard.contract.grpc.RouteServiceGrpcService;
import io.switchboard.contract.model.RoutePlan;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.Objects;
import java.util.UUID;

/**
 * The RPCs of {@code switchboard/v1/switchboard.proto}, each the same operation as its REST
 * endpoint over the same event-bus address:
 * <ul>
 * <li>{@code RouteService.Explain} (scope {@code routes:read}) → {@link Addresses#ROUTER_PLAN}, for
 *     the caller's tenant (its rules apply);</li>
 * <li>{@code CallService.Create} ({@code calls:write}) → {@link Addresses#CALLS_CREATE};</li>
 * <li>{@code CallService.Get} ({@code calls:read}) → {@link Addresses#CALLS_GET}, then the stored
 *     record of a finished call (as {@code GET /v1/calls/{id}});</li>
 * <li>{@code CallService.Hangup} ({@code calls:write}) → {@link Addresses#CALLS_HANGUP};</li>
 * <li>{@code CallService.StreamEvents} ({@code events:read}) → {@link GrpcEventStreams}.</li>
 * </ul>
 * Every call is authenticated from its {@code authorization} metadata ({@link GrpcAuth}) and acts
 * for the key's tenant only; failures are written by {@link GrpcErrors}.
 */
public final class GrpcApi {

    private final EventBus bus;
    private final CallFinder calls;
    private final GrpcAuth auth;
    private final GrpcEventStreams streams;
    private final DeliveryOptions routing;
    private final io.switchboard.api.limits.DoorLimits limits;
    private final DeliveryOptions quick = new DeliveryOptions().setSendTimeout(10_000);

    /**
     * @param bus the event bus
     * @param records stored calls, for {@code Get} of a finished call
     * @param authenticator verifies API keys
     * @param streams the node's event streams (started by the caller)
     * @param routeTimeoutMs {@code calls.route-timeout-ms}: how long a create may take, ms
     * @param limits the rate limits per key (Create counts as {@code voice}, like {@code POST /v1/calls}) and the
     *     tenant's concurrent-call limit
     */
    GrpcApi(EventBus bus, CdrQueries records, ApiKeyAuthenticator authenticator, GrpcEventStreams streams,
            long routeTimeoutMs, io.switchboard.api.limits.DoorLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.calls = new CallFinder(bus, Objects.requireNonNull(records, "records"));
        this.auth = new GrpcAuth(authenticator);
        this.streams = Objects.requireNonNull(streams, "streams");
        this.routing = new DeliveryOptions().setSendTimeout(routeTimeoutMs + 5_000);
    }

    /** Registers every RPC on {@code server}. */
    void bind(GrpcServer server) {
        server.callHandler(RouteServiceGrpcService.Explain, call -> unary(call, Scopes.ROUTES_READ, Addresses.ROUTER_PLAN,
                (request, principal) -> {
                    RouteRequest question = GrpcMapping.routeRequest(request, UUID.randomUUID().toString(),
                            principal.tenantId()).withSandboxOnly(!principal.live());
                    return bus.<RoutePlan>request(Addresses.ROUTER_PLAN, question, quick)
                            .map(m -> GrpcMapping.plan(m.body()));
                }));
        server.callHandler(CallServiceGrpcService.Create, call -> unary(call, Scopes.CALLS_WRITE, Addresses.CALLS_CREATE,
                (request, principal) -> {
                    CallRequest create = GrpcMapping.callRequest(request, UUID.randomUUID().toString(), principal.tenantId())
                            .withSandboxOnly(!principal.live());
                    return limits.admit(principal, io.switchboard.api.limits.Operation.VOICE)
                            .compose(v -> limits.placeCall(principal, () -> bus.<CallRecord>request(Addresses.CALLS_CREATE,
                                    create, routing).map(m -> m.body())))
                            .map(GrpcMapping::call);
                }));
        server.callHandler(CallServiceGrpcService.Get, call -> unary(call, Scopes.CALLS_READ, Addresses.CALLS_GET,
                (request, principal) -> calls.find(principal.tenantId(), GrpcMapping.callId(request.getId()), true)
                        .map(GrpcMapping::call)));
        server.callHandler(CallServiceGrpcService.Hangup, call -> unary(call, Scopes.CALLS_WRITE, Addresses.CALLS_HANGUP,
                (request, principal) -> calls.hangup(principal.tenantId(), GrpcMapping.callId(request.getId()), routing)
                        .map(GrpcMapping::call)));
        server.callHandler(CallServiceGrpcService.StreamEvents, call -> {
            call.errorHandler(error -> streams.closed(call.response()));
            call.exceptionHandler(error -> streams.closed(call.response()));
            call.last().compose(request -> auth.authorize(call, Scopes.EVENTS_READ).map(principal -> {
                try {
                    return EventFilter.parse(principal.tenantId(), String.join(",", request.getTypesList()),
                            request.getCallId());
                } catch (IllegalArgumentException e) {
                    String field = e.getMessage().startsWith(EventFilter.CALL_ID) ? EventFilter.CALL_ID : EventFilter.TYPES;
                    throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, e.getMessage());
                }
            })).onSuccess(filter -> streams.open(call.response(), filter))
                    .onFailure(error -> GrpcErrors.end(call.response(), error, Addresses.EVENTS));
        });
    }

    /** One request message, one reply: authorize, run, answer or fail. */
    private <Q, R> void unary(GrpcServerRequest<Q, R> call, String scope, String address, Operation<Q, R> operation) {
        call.last().compose(request -> auth.authorize(call, scope).compose(principal -> {
            try {
                return operation.apply(request, principal);
            } catch (SwitchboardException e) {
                return Future.failedFuture(e);
            }
        })).onSuccess(reply -> call.response().end(reply))
                .onFailure(error -> {
                    if (error instanceof io.vertx.grpc.common.InvalidMessageException) {
                        call.response().status(GrpcStatus.INVALID_ARGUMENT).statusMessage("malformed message").end();
                    } else {
                        GrpcErrors.end(call.response(), error, address);
                    }
                });
    }

    @FunctionalInterface
    private interface Operation<Q, R> {
        Future<R> apply(Q request, ApiPrincipal principal);
    }
}
