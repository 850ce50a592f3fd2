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
    /** Read webhook deliveries and replay them. */
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    /** Everything, including carriers, decks, tenants, keys and the audit log. */
    public static final String ADMIN = "admin";

    /** Every scope a key may be given. */
    public static final Set<String> ALL = Set.of(CALLS_WRITE, CALLS_READ, MESSAGES_WRITE, MESSAGES_READ, CDRS_READ,
            ROUTES_READ, EVENTS_READ, WEBHOOKS_WRITE, ADMIN);

    private Scopes() {
    }
}
