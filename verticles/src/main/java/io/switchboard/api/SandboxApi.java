package io.switchboard.api;

import io.switchboard.carrier.sandbox.SandboxBehaviour;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.http.ErrorResponses;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The sandbox carriers' admin endpoint, for rehearsing carrier faults:
 * <ul>
 *   <li>{@code GET /v1/sandbox/carriers}: every sandbox carrier with its base URL, node and
 *       behaviour;</li>
 *   <li>{@code PATCH /v1/sandbox/carriers/{id}} with some of the behaviour's fields
 *       ({@link SandboxBehaviour}: {@code busy_percent}, {@code ring_ms}, {@code error_percent},
 *       {@code error_kind}, {@code outage}, ...): publishes them to every node running that
 *       sandbox carrier and answers with the new behaviour once the carriers report it (within
 *       about 1 s), so a request sent after the answer meets it. 400 TEL-011 names a bad field, 404 TEL-013 an unknown carrier.</li>
 * </ul>
 */
final class SandboxApi {

    private final io.vertx.core.Vertx vertx;
    private final EventBus bus;

    SandboxApi(io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
        this.bus = vertx.eventBus();
    }

    void mount(Router router) {
        router.get("/v1/sandbox/carriers").handler(ctx -> bus.<JsonObject>request(Addresses.SANDBOX_LIST, null,
                ApiResponses.BUS_TIMEOUT).onComplete(reply -> {
                    if (reply.succeeded()) {
                        json(ctx, 200, new JsonObject().put("data", reply.result().body()));
                    } else if (noSandbox(reply.cause())) {
                        json(ctx, 200, new JsonObject().put("data", new JsonObject()));
                    } else {
                        ApiResponses.error(ctx, reply.cause(), Addresses.SANDBOX_LIST);
                    }
                }));
        router.patch("/v1/sandbox/carriers/:id").handler(this::patch);
    }

    private void patch(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject patch;
        try {
            patch = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            ErrorResponses.send(ctx, ErrorCode.TEL_011, 400, "body: expected a JSON object of behaviour fields", Map.of());
            return;
        }
        if (patch == null) {
            ErrorResponses.send(ctx, ErrorCode.TEL_011, 400, "body: expected a JSON object of behaviour fields", Map.of());
            return;
        }
        bus.<JsonObject>request(Addresses.SANDBOX_LIST, null, ApiResponses.BUS_TIMEOUT).onComplete(reply -> {
            JsonObject all = reply.succeeded() ? reply.result().body() : new JsonObject();
            if (reply.failed() && !noSandbox(reply.cause())) {
                ApiResponses.error(ctx, reply.cause(), Addresses.SANDBOX_LIST);
                return;
            }
            JsonObject current = all.getJsonObject(id);
            if (current == null) {
                ErrorResponses.send(ctx, ErrorCode.TEL_013, 404, "no sandbox carrier '" + id + "'", Map.of("carrier", id));
                return;
            }
            SandboxBehaviour next;
            try {
                next = behaviourOf(current.getJsonObject("behaviour")).patch(patch);
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().contains(":") ? e.getMessage().substring(0, e.getMessage().indexOf(':')) : "";
                ErrorResponses.send(ctx, ErrorCode.TEL_011, 400, e.getMessage(), Map.of("field", field));
                return;
            }
            bus.publish(Addresses.SANDBOX_BEHAVIOUR, new JsonObject().put("carrier", id).put("behaviour", patch));
            applied(id, next.toJson(), 40).onComplete(done -> json(ctx, 200, current.put("behaviour", next.toJson())));
        });
    }

    /**
     * Completes once the sandbox carrier reports {@code behaviour} (the change was published to it),
     * or after {@code checks} checks 25 ms apart, so that a request sent after the 200 meets the new
     * behaviour.
     */
    private io.vertx.core.Future<Void> applied(String id, JsonObject behaviour, int checks) {
        return bus.<JsonObject>request(Addresses.SANDBOX_LIST, null, ApiResponses.BUS_TIMEOUT)
                .map(reply -> reply.body().getJsonObject(id, new JsonObject()).getJsonObject("behaviour"))
                .otherwiseEmpty()
                .compose(now -> behaviour.equals(now) || checks <= 1 ? io.vertx.core.Future.<Void>succeededFuture()
                        : vertx.timer(25).compose(t -> applied(id, behaviour, checks - 1)));
    }

    private static SandboxBehaviour behaviourOf(JsonObject json) {
        return new SandboxBehaviour(0, 0, 0, 0, 0, 0, 0, 0, "server-error", false).patch(json);
    }

    private static boolean noSandbox(Throwable failure) {
        return failure instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
