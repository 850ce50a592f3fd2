package io.switchboard.api.auth;

import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.http.ErrorResponses;
import io.switchboard.http.RequestIds;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates every request to the public API before any handler runs: the scope the endpoint
 * needs comes from {@link EndpointScopes}; the key from {@code Authorization: Bearer <key>}; the
 * check from an {@link ApiKeyAuthenticator}, asynchronously: the request is paused meanwhile so no
 * body byte is lost before the body handler or a streaming upload takes it. On success the {@link ApiPrincipal} is put in the
 * routing context ({@link ApiPrincipal#of}); otherwise the request ends with 401 TEL-008 or 403
 * TEL-005.
 */
public final class AuthHandler implements Handler<RoutingContext> {

    private final ApiKeyAuthenticator authenticator;

    /** @param authenticator verifies keys */
    public AuthHandler(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String scope = EndpointScopes.required(ctx.request().method(), ctx.normalizedPath());
        if (scope == null) {
            ctx.next();
            return;
        }
        // The check is asynchronous: hold the body until a handler after this one (the body handler,
        // or a streaming upload's pipe, or a WebSocket upgrade) reads it.
        ctx.request().pause();
        SocketAddress remote = ctx.request().remoteAddress();
        authenticator.authenticate(bearer(ctx.request().getHeader("Authorization")),
                        remote == null ? null : remote.hostAddress(), RequestIds.of(ctx))
                .onSuccess(principal -> {
                    if (!scope.equals(EndpointScopes.ANY_KEY) && !principal.has(scope)) {
                        fail(ctx, new SwitchboardException(io.switchboard.contract.error.ErrorCode.TEL_005,
                                "this API key lacks the scope " + scope, java.util.Map.of("scope", scope)));
                        return;
                    }
                    ctx.put(ApiPrincipal.CONTEXT_KEY, principal);
                    ctx.next();
                })
                .onFailure(error -> fail(ctx, error));
    }

    /**
     * @param header the {@code Authorization} header, or null
     * @return the credentials of a {@code Bearer} header (RFC 6750 §2.1; the scheme is case-insensitive), else null
     */
    static String bearer(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    private static void fail(RoutingContext ctx, Throwable error) {
        if (ctx.response().ended()) {
            return;
        }
        if (error instanceof SwitchboardException known) {
            if (known.code() == io.switchboard.contract.error.ErrorCode.TEL_008) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
            }
            ErrorResponses.send(ctx, known.code(), known.httpStatus(), known.getMessage(), known.details());
        } else {
            ctx.fail(error);
        }
    }
}
