package io.switchboard.api;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.api.auth.KeyStore;
import io.switchboard.api.auth.Scopes;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.sip.protect.CidrBlock;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API keys (scope {@code keys:write}; an {@code admin} key acts on any tenant):
 * <ul>
 * <li>{@code POST /v1/keys} {@code {scopes[], mode? (live|test; default: the caller's), description?,
 *     ip_allow[]? (CIDR), expires_at? (RFC 3339), tenant_id? (admin only)}} → 201 with the key's view and
 *     {@code key}, the secret, shown this once.</li>
 * <li>{@code GET /v1/keys[?tenant_id=&limit=&starting_after=]}: views, newest first, never the secret.</li>
 * <li>{@code POST /v1/keys/{id}/rotate} {@code {grace_seconds? (0..604800; default api.rotation-grace-s)}}
 *     → 201 {@code {old, new}}: the new key (with its secret) and the old one, which works until
 *     {@code grace_until}.</li>
 * <li>{@code POST /v1/keys/{id}/revoke} → 200: the key stops working on every node at once.</li>
 * </ul>
 * A key never gets a scope its creator lacks; {@code admin} is only for the operator tenant's keys;
 * a test key cannot create live keys. Every change writes an audit row ({@code key.create},
 * {@code key.rotate}, {@code key.revoke}); another tenant's key id is TEL-013.
 */
final class KeysApi {

    private static final Set<String> CREATE_FIELDS = Set.of("scopes", "mode", "description", "ip_allow", "expires_at",
            "tenant_id");

    private final KeyStore keys;
    private final AuditTrail audit;
    private final java.util.function.Consumer<String> authChanged;
    private final long defaultGraceSeconds;

    KeysApi(KeyStore keys, AuditTrail audit, java.util.function.Consumer<String> authChanged, long defaultGraceSeconds) {
        this.keys = keys;
        this.audit = audit;
        this.authChanged = authChanged;
        this.defaultGraceSeconds = defaultGraceSeconds;
    }

    void mount(Router router) {
        router.post("/v1/keys").handler(this::create);
        router.get("/v1/keys").handler(this::list);
        router.post("/v1/keys/:id/rotate").handler(this::rotate);
        router.post("/v1/keys/:id/revoke").handler(this::revoke);
    }

    private void create(RoutingContext ctx) {
        ApiPrincipal caller = ApiPrincipal.of(ctx);
        KeyStore.NewKey key;
        try {
            JsonBody body = JsonBody.of(ctx, CREATE_FIELDS);
            String tenant = tenant(caller, body.text("tenant_id", false, 36));
            List<String> scopeList = body.strings("scopes", Scopes.ALL.size());
            if (scopeList == null || scopeList.isEmpty()) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "scopes", "scopes: required, at least one of "
                        + String.join(", ", Scopes.ALL.stream().sorted().toList()));
            }
            Set<String> scopes = new LinkedHashSet<>(scopeList);
            for (String scope : scopes) {
                if (!Scopes.ALL.contains(scope)) {
                    throw SwitchboardException.invalidField(ErrorCode.TEL_011, "scopes", "scopes: unknown scope '" + scope
                            + "'; expected " + String.join(", ", Scopes.ALL.stream().sorted().toList()));
                }
                if (!caller.has(scope)) {
                    throw new SwitchboardException(ErrorCode.TEL_005, "a key cannot grant the scope " + scope
                            + " it lacks", Map.of("field", "scopes", "scope", scope));
                }
            }
            if (scopes.contains(Scopes.ADMIN) && !tenant.equals(Tenants.DEFAULT)) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "scopes",
                        "scopes: admin is only for keys of the operator tenant");
            }
            String mode = body.oneOf("mode", Set.of("live", "test"));
            boolean live = mode == null ? caller.live() : mode.equals("live");
            if (live && !caller.live()) {
                throw new SwitchboardException(ErrorCode.TEL_005, "a test key cannot create live keys",
                        Map.of("field", "mode"));
            }
            List<String> ipAllow = body.strings("ip_allow", 32);
            for (String block : ipAllow == null ? List.<String>of() : ipAllow) {
                try {
                    CidrBlock.parse(block);
                } catch (IllegalArgumentException e) {
                    throw SwitchboardException.invalidField(ErrorCode.TEL_011, "ip_allow", "ip_allow: " + e.getMessage());
                }
            }
            OffsetDateTime expiresAt = body.time("expires_at");
            if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now())) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "expires_at", "expires_at: must be in the future");
            }
            key = new KeyStore.NewKey(tenant, live, scopes, ipAllow == null ? List.of() : ipAllow,
                    body.text("description", false, 200), expiresAt);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "keys");
            return;
        }
        keys.create(key).recover(KeysApi::unknownTenant)
                .compose(view -> audit.record(ctx, key.tenantId(), "key.create", (String) view.get("id"), null,
                        withoutSecret(view)).map(view))
                .onSuccess(view -> ApiResponses.json(ctx, 201, view))
                .onFailure(error -> ApiResponses.error(ctx, error, "keys"));
    }

    private void list(RoutingContext ctx) {
        try {
            ApiPrincipal caller = ApiPrincipal.of(ctx);
            String tenant = caller.has(Scopes.ADMIN) ? Params.optional(ctx, "tenant_id")
                    : tenant(caller, Params.optional(ctx, "tenant_id"));
            keys.list(tenant, Params.limit(ctx, 50, 500), Params.optional(ctx, "starting_after"))
                    .onSuccess(list -> ApiResponses.json(ctx, 200, Map.of("data", list)))
                    .onFailure(error -> ApiResponses.error(ctx, error, "keys"));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "keys");
        }
    }

    private void rotate(RoutingContext ctx) {
        ApiPrincipal caller = ApiPrincipal.of(ctx);
        long grace;
        try {
            boolean empty = ctx.body().isEmpty();
            Integer given = empty ? null : JsonBody.of(ctx, Set.of("grace_seconds")).integer("grace_seconds", 0, 604_800);
            grace = given == null ? defaultGraceSeconds : given;
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "keys");
            return;
        }
        String id = ctx.pathParam("id");
        keys.rotate(scope(caller), id, grace)
                .compose(result -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> old = (Map<String, Object>) result.get("old");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> created = (Map<String, Object>) result.get("new");
                    authChanged.accept("prefix:" + old.get("prefix"));
                    return audit.record(ctx, (String) old.get("tenant_id"), "key.rotate", id, old,
                            withoutSecret(created)).map(result);
                })
                .onSuccess(result -> ApiResponses.json(ctx, 201, result))
                .onFailure(error -> ApiResponses.error(ctx, error, "keys"));
    }

    private void revoke(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        keys.revoke(scope(ApiPrincipal.of(ctx)), id)
                .compose(view -> {
                    authChanged.accept("prefix:" + view.get("prefix"));
                    return audit.record(ctx, (String) view.get("tenant_id"), "key.revoke", id, null, view).map(view);
                })
                .onSuccess(view -> ApiResponses.json(ctx, 200, view))
                .onFailure(error -> ApiResponses.error(ctx, error, "keys"));
    }

    /** @return the tenant a request acts on: the caller's own, or (admin only) the one it names */
    private static String tenant(ApiPrincipal caller, String named) {
        if (named == null || named.equals(caller.tenantId())) {
            return caller.tenantId();
        }
        if (!named.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "tenant_id", "tenant_id: expected a UUID");
        }
        if (!caller.has(Scopes.ADMIN)) {
            throw new SwitchboardException(ErrorCode.TEL_005, "tenant_id: a key acts on its own tenant only",
                    Map.of("field", "tenant_id"));
        }
        return named;
    }

    /** @return the tenant a key lookup is limited to: none for admin, else the caller's */
    private static String scope(ApiPrincipal caller) {
        return caller.has(Scopes.ADMIN) ? null : caller.tenantId();
    }

    private static Map<String, Object> withoutSecret(Map<String, Object> view) {
        Map<String, Object> copy = new HashMap<>(view);
        copy.remove("key");
        return copy;
    }

    private static <T> io.vertx.core.Future<T> unknownTenant(Throwable error) {
        if (error instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState())) {
            return io.vertx.core.Future.failedFuture(new SwitchboardException(ErrorCode.TEL_013, "tenant_id: no such tenant",
                    Map.of("field", "tenant_id")));
        }
        return io.vertx.core.Future.failedFuture(error);
    }
}
