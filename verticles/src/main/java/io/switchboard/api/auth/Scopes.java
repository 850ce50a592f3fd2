package io.switchboard.api.auth;

import java.util.Set;

/** The scopes an API key can hold; each endpoint of the public API names the one it needs. */
public final class Scopes {

    /** Place and hang up calls. */
    public static final String CALLS_WRITE = "calls:write";
    /** Read calls. */
    public static final String CALLS_READ = "calls:read";
    /** Send messages. */
    public static final String MESSAGES_WRITE = "messages:write";
    /** Read messages. */
    public static final String MESSAGES_READ = "messages:read";
    /** Read CDRs, usage and costs. */
    public static final String CDRS_READ = "cdrs:read";
    /** Explain routes, read decks and carrier health. */
    public static final String ROUTES_READ = "routes:read";
    /** Subscribe to the event stream ({@code /v1/events}, gRPC StreamEvents). */
    public static final String EVENTS_READ = "events:read";
    /** Read webhook deliveries. */
    public static final String WEBHOOKS_READ = "webhooks:read";
    /** Replay webhook deliveries. */
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    /** Create, list, rotate and revoke the tenant's own keys (never with scopes the key lacks). */
    public static final String KEYS_WRITE = "keys:write";
    /** Manage the tenant's own routing rules ({@code /v1/routing-rules}); other tenants' rules need {@link #ADMIN}. */
    public static final String ROUTING_WRITE = "routing:write";
    /**
     * Everything, including carriers, decks, tenants, every tenant's keys and the audit log. Only
     * keys of the operator tenant (the default tenant of migration V4) may hold it.
     */
    public static final String ADMIN = "admin";

    /** Every scope a key may be given. */
    public static final Set<String> ALL = Set.of(CALLS_WRITE, CALLS_READ, MESSAGES_WRITE, MESSAGES_READ, CDRS_READ,
            ROUTES_READ, EVENTS_READ, WEBHOOKS_READ, WEBHOOKS_WRITE, KEYS_WRITE, ROUTING_WRITE, ADMIN);

    private Scopes() {
    }
}
