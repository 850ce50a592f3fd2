package io.switchboard.api.auth;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who a request acts for, once its API key is verified: the key, its tenant (with the tenant's plan
 * and limit overrides, for rate limits) and what the key may do.
 *
 * @param keyId the API key's id ({@code api_keys.id}, a UUID; the bootstrap admin key has one too)
 * @param tenantId the tenant's id ({@code tenants.id}, a UUID)
 * @param live true for {@code sk_live_} keys; {@code sk_test_} keys reach only sandbox carriers
 * @param scopes the key's scopes ({@link Scopes}); {@link Scopes#ADMIN} implies every other
 * @param plan the tenant's plan: {@code starter}, {@code growth}, {@code business} or {@code enterprise}
 * @param limits the tenant's overrides of its plan's limits ({@code tenants.limits}), possibly empty
 */
public record ApiPrincipal(String keyId, String tenantId, boolean live, Set<String> scopes, String plan,
        Map<String, Object> limits) {

    /** The routing-context key under which the authentication handler stores the principal. */
    public static final String CONTEXT_KEY = "switchboard.principal";

    /** Copies the collections and refuses nulls. */
    public ApiPrincipal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(tenantId, "tenantId");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(plan, "plan");
        limits = Map.copyOf(limits);
    }

    /**
     * @param scope a scope such as {@code calls:write}
     * @return whether this key holds the scope (or {@code admin})
     */
    public boolean has(String scope) {
        return scopes.contains(scope) || scopes.contains(Scopes.ADMIN);
    }

    /**
     * @param scope the scope the operation needs
     * @throws SwitchboardException TEL-005 naming the scope when the key lacks it
     */
    public void require(String scope) {
        if (!has(scope)) {
            throw new SwitchboardException(ErrorCode.TEL_005, "this API key lacks the scope " + scope,
                    Map.of("scope", scope));
        }
    }

    /**
     * @param ctx a request that went through the authentication handler
     * @return its principal
     * @throws IllegalStateException if no authentication handler ran for the route (a wiring bug)
     */
    public static ApiPrincipal of(RoutingContext ctx) {
        ApiPrincipal principal = ctx.get(CONTEXT_KEY);
        if (principal == null) {
            throw new IllegalStateException("no principal: the route " + ctx.normalizedPath() + " is not authenticated");
        }
        return principal;
    }
}
