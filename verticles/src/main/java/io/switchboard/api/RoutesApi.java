package io.switchboard.api;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import io.switchboard.http.RequestIds;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/routes?to=+4420...&service=voice}: explains the route plan a router would
 * follow, without placing anything. Optional: {@code tenant_id}, {@code from},
 * {@code preferred_carrier}, {@code avoid} (comma-separated), {@code max_rate}. Replies with the
 * {@link RoutePlan} as JSON; bad parameters are TEL-011 / TEL-001 naming the parameter.
 */
final class RoutesApi {

    private final EventBus bus;

    RoutesApi(EventBus bus) {
        this.bus = bus;
    }

    void mount(Router router) {
        router.get("/v1/routes").handler(this::explain);
    }

    private void explain(RoutingContext ctx) {
        RouteRequest request;
        try {
            String from = Params.optional(ctx, "from");
            request = new RouteRequest(RequestIds.of(ctx), Params.service(ctx, "service", Service.VOICE),
                    E164.parse("to", Params.required(ctx, "to")), Params.uuid(ctx, "tenant_id"),
                    from == null ? null : E164.parse("from", from), Params.optional(ctx, "preferred_carrier"),
                    Params.list(ctx, "avoid"), Params.amount(ctx, "max_rate"))
                    .withSandboxOnly(Tenants.sandboxOnly(ctx));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, Addresses.ROUTER_PLAN);
            return;
        }
        bus.<RoutePlan>request(Addresses.ROUTER_PLAN, request, ApiResponses.BUS_TIMEOUT)
                .map(Message::body)
                .onSuccess(plan -> ApiResponses.json(ctx, 200, plan))
                .onFailure(error -> ApiResponses.error(ctx, error, Addresses.ROUTER_PLAN));
    }
}
