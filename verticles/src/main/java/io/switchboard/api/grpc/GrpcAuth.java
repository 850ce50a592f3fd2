package io.switchboard.api.grpc;

import io.switchboard.api.BearerToken;
import io.switchboard.api.auth.ApiKeyAuthenticator;
import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.Objects;

/**
 * Authenticates a gRPC call as REST requests are: the metadata entry
 * {@code authorization: Bearer sk_live_...|sk_test_...} is verified by the node's
 * {@link ApiKeyAuthenticator} (with the peer's IP for the key's allow-list), then the scope the RPC
 * needs is checked.
 */
final class GrpcAuth {

    /** The metadata key (HTTP/2 header names are lower case). */
    static final String AUTHORIZATION = "authorization";

    private final ApiKeyAuthenticator authenticator;

    GrpcAuth(ApiKeyAuthenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    /**
     * @param request the gRPC call
     * @param scope the scope the RPC needs ({@link io.switchboard.api.auth.Scopes})
     * @return the principal, or a future failed with TEL-008 (no {@code authorization} entry, not
     *     of the form {@code Bearer <key>}, or a key the authenticator refuses), TEL-005 (address
     *     not allowed, or the key lacks {@code scope})
     */
    Future<ApiPrincipal> authorize(GrpcServerRequest<?, ?> request, String scope) {
        String key;
        try {
            key = BearerToken.key(request.headers().get(AUTHORIZATION));
        } catch (SwitchboardException e) {
            return Future.failedFuture(e);
        }
        SocketAddress remote = request.connection() == null ? null : request.connection().remoteAddress();
        String address = remote == null || remote.hostAddress() == null ? "" : remote.hostAddress();
        return authenticator.authenticate(key, address).compose(principal -> {
            principal.require(scope);
            return Future.succeededFuture(principal);
        });
    }
}
