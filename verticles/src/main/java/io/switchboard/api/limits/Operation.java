package io.switchboard.api.limits;

import io.vertx.core.http.HttpMethod;
import java.util.Optional;

/**
 * The rate-limited operations of the public API, as the specification groups them (section 9.5
 * "Default limits by operation type"), and which requests belong to each:
 * <ul>
 * <li>{@link #VOICE}: {@code POST /v1/calls} (placing a call).</li>
 * <li>{@link #SMS}: {@code POST /v1/messages}.</li>
 * <li>{@link #ANALYTICS}: the queries over records, {@code GET /v1/cdrs}, {@code /v1/usage},
 *     {@code /v1/costs} and {@code /v1/calls} (the list of finished calls).</li>
 * </ul>
 * Everything else is not rate-limited: reading one call or message ({@code GET /v1/calls/{id}},
 * {@code /v1/messages/{id}}: clients poll them, and 200 a minute would cut polling short), route
 * explanations, hanging up a call (it ends traffic), the operator and admin
 * endpoints (decks, carrier health and enable/disable, webhook replays, sandbox controls),
 * {@code /v1/events} (one long-lived connection), carrier webhooks and {@code /health}, {@code /metrics}.
 */
public enum Operation {
    /** Placing a call. */
    VOICE("voice"),
    /** Sending a message. */
    SMS("sms"),
    /** A read query. */
    ANALYTICS("analytics");

    private final String id;

    Operation(String id) {
        this.id = id;
    }

    /** @return the operation's name in limit keys and override keys: {@code voice}, {@code sms}, {@code analytics} */
    public String id() {
        return id;
    }

    /**
     * @param method the request's method
     * @param path the request's normalized path, without query
     * @return the operation the request counts against, or empty when it is not rate-limited
     */
    public static Optional<Operation> of(HttpMethod method, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (HttpMethod.POST.equals(method)) {
            return switch (p) {
                case "/v1/calls" -> Optional.of(VOICE);
                case "/v1/messages" -> Optional.of(SMS);
                default -> Optional.empty();
            };
        }
        if (HttpMethod.GET.equals(method)) {
            return switch (p) {
                case "/v1/cdrs", "/v1/usage", "/v1/costs", "/v1/calls" -> Optional.of(ANALYTICS);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
