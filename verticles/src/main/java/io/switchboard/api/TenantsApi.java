package io.switchboard.api;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.api.auth.Scopes;
import io.switchboard.api.tenants.TenantStore;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * Tenants ({@code admin} scope, except that any key may read its own tenant):
 * <ul>
 * <li>{@code POST /v1/tenants} {@code {name, plan? (starter|growth|business|enterprise), spend_cap? (decimal
 *     string), currency? (ISO 4217), limits? (object of plan-limit overrides), webhook_url?}} → 201 with the
 *     tenant and its {@code webhook_secret}, shown this once.</li>
 * <li>{@code GET /v1/tenants[?limit=&starting_after=]}, {@code GET /v1/tenants/{id}} (another tenant's id
 *     without admin: TEL-013).</li>
 * <li>{@code PATCH /v1/tenants/{id}} with any of the fields above plus {@code status} (active|suspended;
 *     a suspended tenant's keys stop working at once).</li>
 * </ul>
 * Changes write audit rows ({@code tenant.create}, {@code tenant.update} with before and after).
 */
final class TenantsApi {

    private static final Set<String> FIELDS = Set.of("name", "plan", "spend_cap", "currency", "limits", "webhook_url");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "plan", "spend_cap", "currency", "limits",
            "webhook_url", "status");
    private static final Set<String> PLANS = Set.of("starter", "growth", "business", "enterprise");

    private final TenantStore tenants;
    private final AuditTrail audit;
    private final java.util.function.Consumer<String> authChanged;

    TenantsApi(TenantStore tenants, AuditTrail audit, java.util.function.Consumer<String> authChanged) {
        this.tenants = tenants;
        this.audit = audit;
        this.authChanged = authChanged;
    }

    void mount(Router router) {
        router.post("/v1/tenants").handler(this::create);
        router.get("/v1/tenants").handler(this::list);
        router.get("/v1/tenants/:id").handler(this::get);
        router.patch("/v1/tenants/:id").handler(this::update);
    }

    private void create(RoutingContext ctx) {
        TenantStore.Settings settings;
        try {
            JsonBody body = JsonBody.of(ctx, FIELDS);
            settings = settings(body, true);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "tenants");
            return;
        }
        tenants.create(settings)
                .compose(view -> {
                    Map<String, Object> shown = new java.util.HashMap<>(view);
                    shown.remove("webhook_secret");
                    return audit.record(ctx, (String) view.get("id"), "tenant.create", (String) view.get("id"), null, shown)
                            .map(view);
                })
                .onSuccess(view -> ApiResponses.json(ctx, 201, view))
                .onFailure(error -> ApiResponses.error(ctx, error, "tenants"));
    }

    private void list(RoutingContext ctx) {
        try {
            tenants.list(Params.limit(ctx, 50, 500), Params.optional(ctx, "starting_after"))
                    .onSuccess(list -> ApiResponses.json(ctx, 200, Map.of("data", list)))
                    .onFailure(error -> ApiResponses.error(ctx, error, "tenants"));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "tenants");
        }
    }

    private void get(RoutingContext ctx) {
        ApiPrincipal caller = ApiPrincipal.of(ctx);
        String id = ctx.pathParam("id");
        if (!caller.has(Scopes.ADMIN) && !caller.tenantId().equals(id)) {
            ApiResponses.error(ctx, new SwitchboardException(ErrorCode.TEL_013, "no such tenant: " + id, Map.of("id", id)),
                    "tenants");
            return;
        }
        tenants.get(id).onSuccess(view -> ApiResponses.json(ctx, 200, view))
                .onFailure(error -> ApiResponses.error(ctx, error, "tenants"));
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        TenantStore.Settings changes;
        try {
            JsonBody body = JsonBody.of(ctx, PATCH_FIELDS);
            changes = settings(body, false);
            if ("suspended".equals(changes.status()) && id.equals(Tenants.DEFAULT)) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "status",
                        "status: the operator tenant cannot be suspended (its keys administer the cluster)");
            }
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "tenants");
            return;
        }
        tenants.update(id, changes)
                .compose(result -> {
                    authChanged.accept("tenant:" + id);
                    return audit.record(ctx, id, "tenant.update", id, result.get("before"), result.get("after"))
                            .map(result.get("after"));
                })
                .onSuccess(view -> ApiResponses.json(ctx, 200, view))
                .onFailure(error -> ApiResponses.error(ctx, error, "tenants"));
    }

    private static TenantStore.Settings settings(JsonBody body, boolean creating) {
        String name = body.text("name", creating, 100);
        String currency = body.text("currency", false, 3);
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "currency", "currency: expected an ISO 4217 code such as USD");
        }
        var limits = body.object("limits", 4096);
        Map<String, Object> limitMap = null;
        if (limits != null) {
            limitMap = new io.vertx.core.json.JsonObject(limits.toString()).getMap();
            io.switchboard.api.limits.LimitPolicy.validate(limitMap);
        }
        String raw = body.has("webhook_url") ? body.text("webhook_url", false, 2048) : null;
        // on update, null or "" clears the URL ("" is what TenantStore reads as "clear")
        String webhookUrl = !body.has("webhook_url") ? null : raw == null || raw.isEmpty() ? "" : body.url("webhook_url");
        return new TenantStore.Settings(name, body.oneOf("plan", PLANS), body.decimal("spend_cap"), currency, limitMap,
                creating && "".equals(webhookUrl) ? null : webhookUrl, creating ? null : body.oneOf("status", Set.of("active", "suspended")));
    }
}
