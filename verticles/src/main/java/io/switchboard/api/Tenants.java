package io.switchboard.api;

import io.switchboard.api.auth.ApiPrincipal;
import io.vertx.ext.web.RoutingContext;

/** Which tenant a request acts for: its API key's ({@link ApiPrincipal}). */
public final class Tenants {

    /**
     * The operator tenant's id (migration V4): the tenant of the bootstrap admin key, the only one
     * whose keys may hold the {@code admin} scope.
     */
    public static final String DEFAULT = "00000000-0000-0000-0000-000000000001";

    private Tenants() {
    }

    /** @return the tenant of the authenticated request */
    static String of(RoutingContext ctx) {
        return ApiPrincipal.of(ctx).tenantId();
    }

    /** @return whether the request came with a test key ({@code sk_test_}), which reaches only sandbox carriers */
    static boolean sandboxOnly(RoutingContext ctx) {
        return !ApiPrincipal.of(ctx).live();
    }
}
