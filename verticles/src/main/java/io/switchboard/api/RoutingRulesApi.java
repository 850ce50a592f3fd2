package io.switchboard.api;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.api.auth.Scopes;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.router.store.RoutingRuleStore;
import io.switchboard.router.store.RoutingRuleStore.Rule;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tenant routing rules ({@code routing_rules}), scope {@code routing:write} for a tenant's own rules,
 * {@code admin} for any tenant's and for rules of every tenant:
 * <ul>
 * <li>{@code POST /v1/routing-rules} {@code {tenant_id?, service?, prefix?, policy?, allowed_carriers?,
 *     denied_carriers?, preferred_carrier?, max_rate?, priority?, enabled?}} → 201 with the rule. An admin's
 *     rule without {@code tenant_id} applies to every tenant; a tenant key's rule is always its own tenant's
 *     (another {@code tenant_id} is TEL-005). A rule with a {@code prefix} is a static route: its
 *     {@code allowed_carriers} are tried first, in order, for numbers under the prefix.</li>
 * <li>{@code GET /v1/routing-rules[?tenant_id=&limit=]} (a tenant key sees its own only),
 *     {@code GET /v1/routing-rules/{id}} (another tenant's rule: TEL-013).</li>
 * <li>{@code PATCH /v1/routing-rules/{id}} with any field above (null clears an optional one) → 200.</li>
 * <li>{@code DELETE /v1/routing-rules/{id}} → 200 with the deleted rule.</li>
 * </ul>
 * Carriers named must exist (TEL-011 naming the field). Every change writes an audit row
 * ({@code routing_rule.create|update|delete}) and is published on {@link Addresses#ROUTING_RULES_CHANGED}, so
 * routers drop their cached rules and the next decision applies it.
 */
final class RoutingRulesApi {

    static final Set<String> FIELDS = Set.of("tenant_id", "service", "prefix", "policy", "allowed_carriers",
            "denied_carriers", "preferred_carrier", "max_rate", "priority", "enabled");
    private static final Set<String> SERVICES = Set.of("voice", "sms", "mms", "fax");
    private static final BigDecimal MAX_RATE = new BigDecimal("99999999.999999");

    private final RoutingRuleStore store;
    private final AuditTrail audit;
    private final EventBus bus;

    RoutingRulesApi(RoutingRuleStore store, AuditTrail audit, EventBus bus) {
        this.store = store;
        this.audit = audit;
        this.bus = bus;
    }

    void mount(Router router) {
        router.post("/v1/routing-rules").handler(this::create);
        router.get("/v1/routing-rules").handler(this::list);
        router.get("/v1/routing-rules/:id").handler(this::get);
        router.patch("/v1/routing-rules/:id").handler(this::update);
        router.delete("/v1/routing-rules/:id").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        Rule wanted;
        try {
            JsonBody body = JsonBody.of(ctx, FIELDS);
            wanted = apply(body, new Rule(null, null, null, null, "lcr", List.of(), List.of(), null, null, 100, true,
                    null, null), ctx);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "routing-rules");
            return;
        }
        checkReferences(wanted)
                .compose(v -> store.insert(wanted))
                .compose(rule -> changed(ctx, "routing_rule.create", rule, null, rule.view()).map(rule))
                .onSuccess(rule -> ApiResponses.json(ctx, 201, rule.view()))
                .onFailure(error -> ApiResponses.error(ctx, error, "routing-rules"));
    }

    private void list(RoutingContext ctx) {
        ApiPrincipal caller = ApiPrincipal.of(ctx);
        String tenant;
        int limit;
        try {
            tenant = Params.uuid(ctx, "tenant_id");
            limit = Params.limit(ctx, 100, 1_000);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "routing-rules");
            return;
        }
        if (!caller.has(Scopes.ADMIN)) {
            tenant = caller.tenantId();
        }
        store.list(tenant, limit)
                .onSuccess(rules -> ApiResponses.json(ctx, 200, Map.of("data", rules.stream().map(Rule::view).toList())))
                .onFailure(error -> ApiResponses.error(ctx, error, "routing-rules"));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        visible(ctx, store.get(id), id)
                .onSuccess(rule -> ApiResponses.json(ctx, 200, rule.view()))
                .onFailure(error -> ApiResponses.error(ctx, error, "routing-rules"));
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonBody body;
        try {
            body = JsonBody.of(ctx, FIELDS);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "routing-rules");
            return;
        }
        store.update(id, before -> visible(ctx, Future.succeededFuture(before), id).compose(rule -> {
                    Rule wanted = apply(body, rule, ctx);
                    return checkReferences(wanted).map(wanted);
                }))
                .compose(change -> changed(ctx, "routing_rule.update", change.after(), change.before().view(),
                        change.after().view()).map(change.after()))
                .onSuccess(rule -> ApiResponses.json(ctx, 200, rule.view()))
                .onFailure(error -> ApiResponses.error(ctx, error, "routing-rules"));
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        visible(ctx, store.get(id), id)
                .compose(rule -> store.delete(id))
                .compose(rule -> changed(ctx, "routing_rule.delete", rule, rule.view(), null).map(rule))
                .onSuccess(rule -> ApiResponses.json(ctx, 200, rule.view()))
                .onFailure(error -> ApiResponses.error(ctx, error, "routing-rules"));
    }

    /** @return the rule when the caller may see it (admin, or its own tenant's), else TEL-013 */
    private static Future<Rule> visible(RoutingContext ctx, Future<Rule> rule, String id) {
        ApiPrincipal caller = ApiPrincipal.of(ctx);
        return rule.compose(r -> caller.has(Scopes.ADMIN) || caller.tenantId().equals(r.tenantId())
                ? Future.succeededFuture(r) : Future.failedFuture(RoutingRuleStore.notFound(id)));
    }

    private Future<Void> changed(RoutingContext ctx, String action, Rule rule, Object before, Object after) {
        bus.publish(Addresses.ROUTING_RULES_CHANGED, rule.tenantId() == null ? "*" : rule.tenantId());
        return audit.record(ctx, rule.tenantId(), action, rule.id(), before, after);
    }

    /** Fails with TEL-011 naming the field when a named carrier or the tenant does not exist. */
    private Future<Void> checkReferences(Rule rule) {
        Set<String> named = new LinkedHashSet<>(rule.allowedCarriers());
        named.addAll(rule.deniedCarriers());
        if (rule.preferredCarrier() != null) {
            named.add(rule.preferredCarrier());
        }
        Future<Void> tenant = rule.tenantId() == null ? Future.succeededFuture()
                : store.tenantExists(rule.tenantId()).compose(found -> found ? Future.succeededFuture()
                        : Future.failedFuture(invalid("tenant_id", "tenant_id: no such tenant " + rule.tenantId())));
        return tenant.compose(v -> store.unknownCarriers(named)).compose(unknown -> {
            if (unknown.isEmpty()) {
                return Future.succeededFuture();
            }
            String field = rule.allowedCarriers().stream().anyMatch(unknown::contains) ? "allowed_carriers"
                    : rule.deniedCarriers().stream().anyMatch(unknown::contains) ? "denied_carriers" : "preferred_carrier";
            return Future.failedFuture(invalid(field, field + ": no such carrier " + unknown));
        });
    }

    /** @return {@code base} with the body's fields applied */
    private static Rule apply(JsonBody body, Rule base, RoutingContext ctx) {
        ApiPrincipal caller = ApiPrincipal.of(ctx);
        String tenant = base.tenantId();
        if (body.has("tenant_id")) {
            String given = body.text("tenant_id", false, 36);
            if (given != null) {
                try {
                    given = java.util.UUID.fromString(given).toString();
                } catch (IllegalArgumentException e) {
                    throw invalid("tenant_id", "tenant_id: expected a UUID, got '" + given + "'");
                }
            }
            tenant = given;
        } else if (base.id() == null && !caller.has(Scopes.ADMIN)) {
            tenant = caller.tenantId();
        }
        if (!caller.has(Scopes.ADMIN) && (tenant == null || !tenant.equals(caller.tenantId()))) {
            throw new SwitchboardException(ErrorCode.TEL_005, "tenant_id: a key without the admin scope manages "
                    + "its own tenant's routing rules only", Map.of("field", "tenant_id"));
        }
        String service = body.has("service") ? body.oneOf("service", SERVICES) : base.service();
        String prefix = base.prefix();
        if (body.has("prefix")) {
            prefix = body.text("prefix", false, 16);
            if (prefix != null && !prefix.matches("[0-9]{1,16}")) {
                throw invalid("prefix", "prefix: expected 1 to 16 digits (a dial code such as 44), got '" + prefix + "'");
            }
        }
        String policy = base.policy();
        if (body.has("policy")) {
            String given = body.oneOf("policy", Set.of("lcr", "weighted"));
            policy = given == null ? "lcr" : given;
        }
        List<String> allowed = body.has("allowed_carriers") ? carriers(body, "allowed_carriers") : base.allowedCarriers();
        List<String> denied = body.has("denied_carriers") ? carriers(body, "denied_carriers") : base.deniedCarriers();
        String preferred = base.preferredCarrier();
        if (body.has("preferred_carrier")) {
            preferred = body.text("preferred_carrier", false, 63);
            if (preferred != null && !preferred.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw invalid("preferred_carrier", "preferred_carrier: expected a carrier id, got '" + preferred + "'");
            }
        }
        BigDecimal maxRate = body.has("max_rate") ? body.decimal("max_rate") : base.maxRate();
        if (maxRate != null && maxRate.compareTo(MAX_RATE) > 0) {
            throw invalid("max_rate", "max_rate: at most " + MAX_RATE.toPlainString());
        }
        Integer priority = body.integer("priority", 0, 10_000);
        Boolean enabled = body.optionalBool("enabled");
        if (prefix != null && allowed.isEmpty()) {
            throw invalid("allowed_carriers", "allowed_carriers: a static route (a rule with a prefix) lists its "
                    + "carriers in order");
        }
        return new Rule(base.id(), tenant, service, prefix, policy, allowed, denied, preferred, maxRate,
                priority == null ? base.priority() : priority, enabled == null ? base.enabled() : enabled,
                base.createdAt(), base.updatedAt());
    }

    private static List<String> carriers(JsonBody body, String field) {
        List<String> list = body.strings(field, 100);
        if (list == null) {
            return List.of();
        }
        for (String id : list) {
            if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw invalid(field, field + ": expected carrier ids, got '" + id + "'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(list));
    }

    private static SwitchboardException invalid(String field, String message) {
        return SwitchboardException.invalidField(ErrorCode.TEL_011, field, message);
    }
}
