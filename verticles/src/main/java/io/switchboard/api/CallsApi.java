package io.switchboard.api;

import io.switchboard.cdr.CdrQueries;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.call.MessageRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.messages.SmsSegments;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Calls and messages (issue 7):
 * <ul>
 * <li>{@code POST /v1/calls} {@code {to, from, caller_name?, timeout? (s, 1..600), record?,
 *     status_callback?, metadata?}} → 201 with the call (state {@code initiated}); when no carrier
 *     takes it, the routing's error (TEL-002, TEL-601, TEL-006, ...) with {@code details.call_id}
 *     of the recorded, failed call.</li>
 * <li>{@code GET /v1/calls/{id}} (live or finished, with its attempts), {@code GET /v1/calls}
 *     (finished calls, newest first; {@code state}, {@code carrier}, {@code to}, {@code limit},
 *     {@code starting_after}), {@code POST /v1/calls/{id}/hangup} (idempotent: a call that has ended
 *     answers 200 with its final state).</li>
 * <li>{@code POST /v1/messages} {@code {to, from, body, status_callback?, metadata?}} → 201 with the
 *     message (segments and encoding computed, state {@code sent}); {@code GET /v1/messages/{id}}.</li>
 * </ul>
 * Bodies are validated field by field (TEL-011 / TEL-001 naming the field). Requests act for the
 * tenant of {@link Tenants#of}.
 */
final class CallsApi {

    private static final Set<String> CALL_FIELDS = Set.of("to", "from", "caller_name", "timeout", "record",
            "status_callback", "metadata");
    private static final Set<String> MESSAGE_FIELDS = Set.of("to", "from", "body", "status_callback", "metadata");
    private static final int METADATA_MAX_BYTES = 4096;

    private final EventBus bus;
    private final CdrQueries records;
    private final CallFinder finder;
    private final DeliveryOptions routing;
    private final int maxSegments;

    CallsApi(EventBus bus, CdrQueries records, long routeTimeoutMs, int maxSegments) {
        this.bus = bus;
        this.records = records;
        this.finder = new CallFinder(bus, records);
        this.routing = new DeliveryOptions().setSendTimeout(routeTimeoutMs + 5_000);
        this.maxSegments = maxSegments;
    }

    void mount(Router router) {
        router.post("/v1/calls").handler(this::createCall);
        router.get("/v1/calls").handler(this::listCalls);
        router.get("/v1/calls/:id").handler(ctx -> get(ctx, true));
        router.post("/v1/calls/:id/hangup").handler(this::hangup);
        router.post("/v1/messages").handler(this::sendMessage);
        router.get("/v1/messages/:id").handler(ctx -> get(ctx, false));
    }

    private void createCall(RoutingContext ctx) {
        CallRequest request;
        try {
            JsonBody body = JsonBody.of(ctx, CALL_FIELDS);
            request = new CallRequest(Tenants.of(ctx), io.switchboard.http.RequestIds.of(ctx), body.number("to", true),
                    body.number("from", true), body.text("caller_name", false, 64), body.integer("timeout", 1, 600),
                    body.bool("record"), body.url("status_callback"), body.object("metadata", METADATA_MAX_BYTES),
                    Tenants.sandboxOnly(ctx));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, Addresses.CALLS_CREATE);
            return;
        }
        reply(ctx, 201, bus.<CallRecord>request(Addresses.CALLS_CREATE, request, routing).map(Message::body),
                Addresses.CALLS_CREATE);
    }

    private void sendMessage(RoutingContext ctx) {
        MessageRequest request;
        try {
            JsonBody body = JsonBody.of(ctx, MESSAGE_FIELDS);
            String text = body.text("body", true, 1600);
            int segments = SmsSegments.of(text).segments();
            if (segments > maxSegments) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "body", "body: " + segments
                        + " segments, at most " + maxSegments + " are sent");
            }
            request = new MessageRequest(Tenants.of(ctx), io.switchboard.http.RequestIds.of(ctx),
                    body.number("to", true), body.number("from", true), text, body.url("status_callback"),
                    body.object("metadata", METADATA_MAX_BYTES), Tenants.sandboxOnly(ctx));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, Addresses.MESSAGES_SEND);
            return;
        }
        reply(ctx, 201, bus.<CallRecord>request(Addresses.MESSAGES_SEND, request, routing).map(Message::body),
                Addresses.MESSAGES_SEND);
    }

    private void get(RoutingContext ctx, boolean call) {
        String id;
        try {
            id = id(ctx);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, Addresses.CALLS_GET);
            return;
        }
        Future<CallRecord> found = finder.find(Tenants.of(ctx), id, call);
        reply(ctx, 200, found, Addresses.CALLS_GET);
    }

    private void hangup(RoutingContext ctx) {
        String id;
        try {
            id = id(ctx);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, Addresses.CALLS_HANGUP);
            return;
        }
        reply(ctx, 200, finder.hangup(Tenants.of(ctx), id, routing), Addresses.CALLS_HANGUP);
    }

    private void listCalls(RoutingContext ctx) {
        try {
            CdrQueries.CallFilter filter = new CdrQueries.CallFilter(Params.optional(ctx, "state"),
                    Params.optional(ctx, "carrier"), Params.optional(ctx, "to"), Params.uuid(ctx, "starting_after"),
                    Params.limit(ctx, 50, 500));
            reply(ctx, 200, records.calls(Tenants.of(ctx), filter), "calls");
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "calls");
        }
    }

    private static String id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            return java.util.UUID.fromString(raw).toString();
        } catch (IllegalArgumentException e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "id", "id: expected a UUID, got '"
                    + (raw.length() > 40 ? raw.substring(0, 40) + "..." : raw) + "'");
        }
    }

    private static <T> void reply(RoutingContext ctx, int status, Future<T> result, String address) {
        result.onSuccess(body -> ApiResponses.json(ctx, status, body))
                .onFailure(error -> ApiResponses.error(ctx, error, address));
    }
}
