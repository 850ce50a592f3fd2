package io.switchboard.api.auth;

import io.vertx.core.Future;

/**
 * Verifies a presented API key, for every door of the API (REST, WebSocket, gRPC, event bus).
 */
public interface ApiKeyAuthenticator {

    /**
     * @param presentedKey the key as presented ({@code sk_live_...} or {@code sk_test_...}), or null when
     *     the request carried none
     * @param remoteAddress the client's IP address (for the key's allow-list), e.g. {@code 127.0.0.1}, or null
     * @param requestId the request's id for the audit log, or null
     * @return the principal, or a future failed with a {@link io.switchboard.contract.error.SwitchboardException}:
     *     TEL-008 (missing, malformed, unknown, revoked, rotated past its grace or expired key, or a
     *     suspended tenant) or TEL-005 (address not in the key's allow-list); each failure of a
     *     presented key also writes an audit-log row ({@code auth.failed})
     */
    Future<ApiPrincipal> authenticate(String presentedKey, String remoteAddress, String requestId);

    /** {@link #authenticate(String, String, String)} without a request id. */
    default Future<ApiPrincipal> authenticate(String presentedKey, String remoteAddress) {
        return authenticate(presentedKey, remoteAddress, null);
    }
}
