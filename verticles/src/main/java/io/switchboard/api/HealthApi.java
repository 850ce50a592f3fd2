package io.switchboard.api;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.CarrierHealthView;
import io.switchboard.contract.bus.HealthCommand;
import io.switchboard.contract.bus.HealthList;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.health.HealthStore;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Carrier health over REST:
 * <ul>
 *   <li>{@code GET /v1/carriers/health}: every carrier's state, score, ASR/ACD/PDD, breaker, last probe and reason;</li>
 *   <li>{@code GET /v1/carriers/health/destinations}: each carrier's state and score per destination
 *       group (country calling code);</li>
 *   <li>{@code POST /v1/carriers/{id}/disable} and {@code /enable} with {@code {"reason":"..."}}:
 *       an operator takes a carrier out of routing or puts it back (the reason is required and logged);</li>
 *   <li>{@code GET /v1/carriers/{id}/health-log[?limit=100]}: its state changes, newest first.</li>
 * </ul>
 * The first two go to the health-monitor over the event bus; the log is read from PostgreSQL.
 */
final class HealthApi {

    private final EventBus bus;
    private final HealthStore store;
    private final AuditTrail audit;

    HealthApi(EventBus bus, HealthStore store, AuditTrail audit) {
        this.bus = bus;
        this.store = store;
        this.audit = audit;
    }

    void mount(Router router) {
        router.get("/v1/carriers/health").handler(this::list);
        router.get("/v1/carriers/health/destinations").handler(ctx -> bus.<io.switchboard.contract.bus.DestinationHealthList>request(
                        Addresses.HEALTH_DESTINATIONS, null, ApiResponses.BUS_TIMEOUT).map(Message::body)
                .onSuccess(list -> ApiResponses.json(ctx, 200, list))
                .onFailure(error -> ApiResponses.error(ctx, error, Addresses.HEALTH_DESTINATIONS)));
        router.post("/v1/carriers/:id/disable").handler(ctx -> command(ctx, Addresses.HEALTH_DISABLE));
        router.post("/v1/carriers/:id/enable").handler(ctx -> command(ctx, Addresses.HEALTH_ENABLE));
        router.get("/v1/carriers/:id/health-log").handler(this::log);
    }

    private void list(RoutingContext ctx) {
        bus.<HealthList>request(Addresses.HEALTH_LIST, null, ApiResponses.BUS_TIMEOUT).map(Message::body)
                .onSuccess(list -> ApiResponses.json(ctx, 200, list))
                .onFailure(error -> ApiResponses.error(ctx, error, Addresses.HEALTH_LIST));
    }

    private void command(RoutingContext ctx, String address) {
        HealthCommand command;
        try {
            String carrier = Params.carrierId(ctx, "id");
            JsonObject body;
            try {
                body = ctx.body().asJsonObject();
            } catch (RuntimeException e) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "body", "body: expected a JSON object");
            }
            String reason = body == null ? null : body.getString("reason");
            if (reason == null || reason.isBlank()) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "reason", "reason: required");
            }
            command = new HealthCommand(carrier, reason.trim(), "key:" + io.switchboard.api.auth.ApiPrincipal.of(ctx).keyId());
        } catch (SwitchboardException | ClassCastException e) {
            ApiResponses.error(ctx, e instanceof SwitchboardException known ? known
                    : SwitchboardException.invalidField(ErrorCode.TEL_011, "reason", "reason: expected a string"), address);
            return;
        }
        bus.<CarrierHealthView>request(address, command, ApiResponses.BUS_TIMEOUT).map(Message::body)
                .compose(view -> audit.record(ctx, null, address.equals(Addresses.HEALTH_DISABLE) ? "carrier.disable"
                        : "carrier.enable", command.carrier(), null, Map.of("reason", command.reason())).map(view))
                .onSuccess(view -> ApiResponses.json(ctx, 200, view))
                .onFailure(error -> ApiResponses.error(ctx, error, address));
    }

    private void log(RoutingContext ctx) {
        String carrier;
        int limit;
        try {
            carrier = Params.carrierId(ctx, "id");
            limit = Params.limit(ctx, 100, 10_000);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "health-log");
            return;
        }
        store.log(carrier, limit).onSuccess(entries -> ApiResponses.json(ctx, 200, Map.of("data", entries)))
                .onFailure(error -> ApiResponses.error(ctx, error, "health-log"));
    }
}
