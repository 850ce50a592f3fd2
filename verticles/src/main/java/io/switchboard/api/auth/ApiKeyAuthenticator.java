package io.switchboard.api.auth;

import io.vertx.core.Future;

/**
 * Verifies a presented API key, for every door of the API (REST, WebSocket, gRPC, event bus).
 */
public interface ApiKeyAuthenticator {

    /**
     * @param presentedKey the key as presented ({@code sk_live_...} or {@code sk_test_...}), or null when
     *     the request carried none
     * @param remoteAddress the client's IP address (for the key's allow-list), e.g. {@code 127.0.0.1}
     * @return the principal, or a future failed with a {@link io.switchboard.contract.error.SwitchboardException}:
     *     TEL-008 (missing, malformed, unknown, revoked or expired key) or TEL-005 (address not allowed);
     *     each failure also writes an audit-log row
     */
    Future<ApiPrincipal> authenticate(String presentedKey, String remoteAddress);
}
