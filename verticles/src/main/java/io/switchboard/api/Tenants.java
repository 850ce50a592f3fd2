package io.switchboard.api;

import io.vertx.ext.web.RoutingContext;

/**
 * Which tenant a request acts for. API keys (and so tenants per key) are not built yet: every
 * request acts for the default tenant that migration V4 creates.
 */
final class Tenants {

    /** The default tenant's id (migration V4). */
    static final String DEFAULT = "00000000-0000-0000-0000-000000000001";

    private Tenants() {
    }

    /** @return the tenant of the request */
    static String of(RoutingContext ctx) {
        return DEFAULT;
    }
}
