package io.switchboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.ErrorBody;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error of an HTTP server as the contract's body
 * {@code {"error":{"code":"TEL-xxx","message":"...","details":{...}}}} with the code's HTTP status
 * ({@code ../shared/reference/error-codes.md}): unknown paths are TEL-013 (404), wrong methods
 * and oversize bodies TEL-011 (405 / 413), anything unexpected TEL-900 (500) with the request id
 * in the details and the stack trace in the log only.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** Installs the 404, 405, 413 and 500 handlers on a router. */
    public static void install(Router router) {
        router.errorHandler(404, ctx -> send(ctx, ErrorCode.TEL_013, 404,
                "no such resource: " + ctx.request().method() + " " + ctx.request().path(), Map.of()));
        router.errorHandler(405, ctx -> send(ctx, ErrorCode.TEL_011, 405,
                "method " + ctx.request().method() + " is not allowed on " + ctx.request().path(), Map.of()));
        router.errorHandler(413, ctx -> send(ctx, ErrorCode.TEL_011, 413,
                "request body is larger than the limit (http.body-limit)", Map.of("field", "body")));
        router.errorHandler(500, ErrorResponses::unexpected);
    }

    private static void unexpected(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof SwitchboardException known) {
            ErrorBody body = ErrorBody.of(known);
            write(ctx, known.httpStatus(), body);
            return;
        }
        String requestId = RequestIds.of(ctx);
        LOG.error("unexpected error on {} {} (request {})", ctx.request().method(), ctx.request().path(), requestId,
                failure);
        send(ctx, ErrorCode.TEL_900, 500, "internal error; quote request id " + requestId + " to support",
                Map.of("request_id", requestId));
    }

    /**
     * Ends the response with an error body.
     *
     * @param status the HTTP status (the code's own, or 405/413 where the table allows)
     */
    public static void send(RoutingContext ctx, ErrorCode code, int status, String message, Map<String, ?> details) {
        write(ctx, status, ErrorBody.of(code, message, details));
    }

    private static void write(RoutingContext ctx, int status, ErrorBody body) {
        if (ctx.response().ended()) {
            return;
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            json = "{\"error\":{\"code\":\"TEL-900\",\"message\":\"internal error\",\"details\":{}}}";
            status = 500;
        }
        ResponseCapture.end(ctx, status, "application/json", json);
    }
}
