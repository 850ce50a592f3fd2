package io.switchboard.api;

import io.switchboard.carrier.config.CarrierAdminStore;
import io.switchboard.carrier.config.CarrierConfig;
import io.switchboard.carrier.config.CarrierRecord;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Carriers ({@code admin} scope):
 * <ul>
 * <li>{@code POST /v1/carriers} {@code {id, provider, ...}} (fields in {@link CarrierRequests}) → 201 with the
 *     carrier's view ({@link CarrierRecord#view()}: credentials never shown, only {@code credentials_set});
 *     an id already taken, deleted carriers included, is TEL-011 naming {@code id}.</li>
 * <li>{@code GET /v1/carriers[?include_deleted=true&limit=100&starting_after=<id>]} → {@code {"data": [view...],
 *     "has_more"}} by id;
 *     {@code GET /v1/carriers/{id}} → the view (a deleted carrier too, {@code status: deleted}).</li>
 * <li>{@code PATCH /v1/carriers/{id}} with any field but {@code id} and {@code provider} → 200 with the view;
 *     {@code settings}, {@code credentials} and {@code sip.headers} merge (a null value removes a key).</li>
 * <li>{@code DELETE /v1/carriers/{id}} → 200 with the view, {@code status: deleted}: soft delete (the row stays
 *     for CDR history, disabled for routing, its adapter undeployed); the id cannot be reused.</li>
 * </ul>
 * Unknown or deleted ids are TEL-013 (a deleted carrier can be read, not changed). Every change
 * writes an audit row ({@code carrier.create|update|delete}, before/after views without credentials)
 * and is published on {@link Addresses#CARRIERS_CHANGED}, so routers, carrier-role nodes and
 * sip-edges apply it without a restart.
 */
final class CarriersApi {

    private final CarrierAdminStore store;
    private final AuditTrail audit;
    private final EventBus bus;
    private final CarrierConfig.Breaker defaultBreaker;
    private final long defaultTimeoutMs;

    CarriersApi(CarrierAdminStore store, AuditTrail audit, EventBus bus, CarrierConfig.Breaker defaultBreaker,
                long defaultTimeoutMs) {
        this.store = store;
        this.audit = audit;
        this.bus = bus;
        this.defaultBreaker = defaultBreaker;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /** Mounts the routes; call after the routes of {@code /v1/carriers/health} and the body handler. */
    void mount(Router router) {
        router.post("/v1/carriers").handler(this::create);
        router.get("/v1/carriers").handler(this::list);
        router.get("/v1/carriers/:id").handler(this::get);
        router.patch("/v1/carriers/:id").handler(this::update);
        router.delete("/v1/carriers/:id").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        CarrierRecord wanted;
        try {
            JsonBody body = JsonBody.of(ctx, CarrierRequests.CREATE_FIELDS);
            CarrierRecord.Draft draft = CarrierRecord.Draft.fresh(CarrierRequests.id(body), CarrierRequests.provider(body),
                    defaultBreaker, defaultTimeoutMs);
            CarrierRequests.apply(body, draft);
            wanted = draft.build();
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "carriers");
            return;
        }
        store.insert(wanted)
                .compose(created -> changed(ctx, "carrier.create", created.id(), null, created.view()).map(created))
                .onSuccess(created -> ApiResponses.json(ctx, 201, created.view()))
                .onFailure(error -> ApiResponses.error(ctx, error, "carriers"));
    }

    private void list(RoutingContext ctx) {
        boolean deleted;
        int limit;
        try {
            deleted = Params.bool(ctx, "include_deleted");
            limit = Params.limit(ctx, 100, 1_000);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "carriers");
            return;
        }
        store.list(deleted, limit + 1, Params.optional(ctx, "starting_after"))
                .onSuccess(list -> ApiResponses.json(ctx, 200, Map.of("data",
                        list.stream().limit(limit).map(CarrierRecord::view).toList(), "has_more", list.size() > limit)))
                .onFailure(error -> ApiResponses.error(ctx, error, "carriers"));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.get(id)
                .compose(found -> found == null ? io.vertx.core.Future.failedFuture(CarrierAdminStore.notFound(id))
                        : io.vertx.core.Future.succeededFuture(found))
                .onSuccess(found -> ApiResponses.json(ctx, 200, found.view()))
                .onFailure(error -> ApiResponses.error(ctx, error, "carriers"));
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonBody body;
        try {
            body = JsonBody.of(ctx, CarrierRequests.PATCH_FIELDS);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "carriers");
            return;
        }
        store.update(id, before -> {
                    CarrierRecord.Draft draft = CarrierRecord.Draft.of(before);
                    CarrierRequests.apply(body, draft);
                    return draft.build();
                })
                .compose(change -> changed(ctx, "carrier.update", id, change.before().view(), change.after().view())
                        .map(change.after()))
                .onSuccess(after -> ApiResponses.json(ctx, 200, after.view()))
                .onFailure(error -> ApiResponses.error(ctx, error, "carriers"));
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.delete(id)
                .compose(change -> changed(ctx, "carrier.delete", id, change.before().view(), change.after().view())
                        .map(change.after()))
                .onSuccess(after -> ApiResponses.json(ctx, 200, after.view()))
                .onFailure(error -> ApiResponses.error(ctx, error, "carriers"));
    }

    /** Announces the committed change to the cluster, then writes its audit row. */
    private io.vertx.core.Future<Void> changed(RoutingContext ctx, String action, String id, Object before, Object after) {
        bus.publish(Addresses.CARRIERS_CHANGED, id);
        return audit.record(ctx, null, action, id, before, after);
    }
}
