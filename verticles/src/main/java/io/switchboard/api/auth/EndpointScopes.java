package io.switchboard.api.auth;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which scope each endpoint of the public API needs: one table, first match wins. Paths outside
 * {@code /v1/} ({@code /health/*}, {@code /metrics}, {@code /openapi.yaml}) and carriers' webhook
 * callbacks ({@code /v1/webhooks/<carrier>/...}, verified by each carrier's signature) are public.
 * A {@code /v1/} path the table does not name needs {@link Scopes#ADMIN}, so a new endpoint is closed
 * until it is listed here.
 */
public final class EndpointScopes {

    /** The scope value of an endpoint any valid key may call (it acts on the key's own tenant only). */
    public static final String ANY_KEY = "";

    private record Rule(HttpMethod method, Pattern path, String scope) {
    }

    private static final String ID = "[^/]+";

    private static final List<Rule> RULES = List.of(
            rule(null, "/v1/webhooks/deliveries", Scopes.WEBHOOKS_READ),
            rule(HttpMethod.POST, "/v1/webhooks/deliveries/" + ID + "/replay", Scopes.WEBHOOKS_WRITE),
            rule(null, "/v1/webhooks/" + ID + "(/.*)?", null),
            rule(HttpMethod.POST, "/v1/calls", Scopes.CALLS_WRITE),
            rule(HttpMethod.GET, "/v1/calls(/" + ID + ")?", Scopes.CALLS_READ),
            rule(HttpMethod.POST, "/v1/calls/" + ID + "/hangup", Scopes.CALLS_WRITE),
            rule(HttpMethod.POST, "/v1/messages", Scopes.MESSAGES_WRITE),
            rule(HttpMethod.GET, "/v1/messages(/" + ID + ")?", Scopes.MESSAGES_READ),
            rule(HttpMethod.GET, "/v1/(cdrs|usage|costs)", Scopes.CDRS_READ),
            rule(HttpMethod.GET, "/v1/events", Scopes.EVENTS_READ),
            rule(HttpMethod.GET, "/v1/routes", Scopes.ROUTES_READ),
            rule(HttpMethod.GET, "/v1/decks(/.*)?", Scopes.ROUTES_READ),
            rule(HttpMethod.GET, "/v1/carriers/health(/.*)?", Scopes.ROUTES_READ),
            rule(HttpMethod.GET, "/v1/carriers/" + ID + "/health-log", Scopes.ROUTES_READ),
            rule(null, "/v1/keys(/.*)?", Scopes.KEYS_WRITE),
            rule(null, "/v1/routing-rules(/" + ID + ")?", Scopes.ROUTING_WRITE),
            rule(HttpMethod.GET, "/v1/tenants/" + ID, ANY_KEY));

    private EndpointScopes() {
    }

    private static Rule rule(HttpMethod method, String path, String scope) {
        return new Rule(method, Pattern.compile(path), scope);
    }

    /**
     * @param method the request's method
     * @param path the request's normalized path
     * @return the scope needed; {@link #ANY_KEY} when any valid key may call it; null when the endpoint is public
     */
    public static String required(HttpMethod method, String path) {
        if (!path.startsWith("/v1/")) {
            return null;
        }
        for (Rule rule : RULES) {
            if ((rule.method() == null || rule.method().equals(method)) && rule.path().matcher(path).matches()) {
                return rule.scope();
            }
        }
        return Scopes.ADMIN;
    }
}
