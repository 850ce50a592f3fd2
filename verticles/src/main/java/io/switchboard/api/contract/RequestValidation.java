package io.switchboard.api.contract;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.http.ErrorResponses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.Locale;
import java.util.Map;

/**
 * Validates every request of the public API against {@link ApiContract} before any handler runs,
 * and serves the document at {@code GET /openapi.yaml} (no API key).
 *
 * <p>{@link #install} adds one route for every path, with two handlers:
 * <ol>
 *   <li>find the document's operation for the method and path (none: the request goes on
 *       untouched, so the router's 404/405 and the webhook relay of an unlisted carrier path still
 *       answer); read the body with a {@link BodyHandler} limited to {@code bodyLimit} bytes (413
 *       TEL-011 beyond), except for operations marked {@link ApiContract#STREAMED_BODY} and
 *       WebSocket upgrades, which are left unread (paused until their handler takes them);</li>
 *   <li>check the media type (an operation with a JSON body refuses a non-empty body of another
 *       {@code Content-Type} with 415 TEL-011, {@code details.field}: {@code Content-Type}; a body
 *       without {@code Content-Type} is read as JSON; see {@link PreparedRequest} for how
 *       parameters are read), then validate the path, query and header
 *       parameters and the JSON body with vertx-openapi's {@link RequestValidator}; a failure is
 *       400 TEL-011 naming the field ({@link ValidationFailures}).</li>
 * </ol>
 * Handlers keep their own checks (defence in depth, and the messages of checks the document cannot
 * express, such as E.164 numbers, which are TEL-001). Validation is computation only (the
 * contract's schemas are compiled at start) and runs on the event loop (see {@link #validate}).
 */
public final class RequestValidation {

    /** The path the document is served at. */
    public static final String DOCUMENT_PATH = "/openapi.yaml";

    private static final String OPERATION_KEY = "switchboard.openapi.operation";

    private final ApiContract contract;
    private final RequestValidator validator;
    private final BodyHandler bodies;

    /**
     * @param vertx the http-api's Vert.x
     * @param contract the loaded contract
     * @param bodyLimit the largest request body read, bytes ({@code http.body-limit})
     */
    public RequestValidation(Vertx vertx, ApiContract contract, long bodyLimit) {
        this.contract = contract;
        this.validator = RequestValidator.create(vertx, contract.contract());
        this.bodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
    }

    /**
     * Mounts {@code GET /openapi.yaml} and the validating route. Call it before the API's routes
     * and before any other body handler.
     */
    public void install(Router router) {
        router.get(DOCUMENT_PATH).handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE,
                "application/yaml; charset=utf-8").end(contract.text()));
        router.route().handler(this::readBody).handler(this::validate);
    }

    private void readBody(RoutingContext ctx) {
        Operation operation = contract.contract().findOperation(ctx.request().path(), ctx.request().method());
        if (operation == null) {
            ctx.next();
            return;
        }
        ctx.put(OPERATION_KEY, operation);
        if (untouched(ctx, operation)) {
            ctx.request().pause();
            ctx.next();
        } else {
            bodies.handle(ctx);
        }
    }

    /**
     * @return whether the request must reach its handler unread: a streamed body, or a WebSocket
     *     upgrade (a request read to its end can no longer be upgraded)
     */
    private boolean untouched(RoutingContext ctx, Operation operation) {
        return contract.streamedBody(operation.getOperationId()) || ctx.request().canUpgradeToWebSocket();
    }

    private void validate(RoutingContext ctx) {
        Operation operation = ctx.get(OPERATION_KEY);
        if (operation == null) {
            ctx.next();
            return;
        }
        boolean streamed = untouched(ctx, operation);
        Buffer body = streamed || ctx.body() == null ? null : ctx.body().buffer();
        HttpServerRequest request = ctx.request();
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (operation.getRequestBody() != null && body != null && body.length() > 0 && contentType != null
                && !isJson(contentType)) {
            ErrorResponses.send(ctx, ErrorCode.TEL_011, 415, "Content-Type: expected application/json, got '"
                    + clip(contentType) + "'", Map.of("field", "Content-Type"));
            return;
        }
        Future<ValidatableRequest> parameters;
        try {
            parameters = RequestUtils.extract(request, operation, () -> Future.succeededFuture(body));
        } catch (ValidatorException e) {
            // vertx-openapi throws (rather than fails the future) for a query value that is not URL encoding
            parameters = Future.failedFuture(e);
        }
        parameters
                .map(extracted -> PreparedRequest.of(extracted, operation, request))
                .compose(validatable -> validate(validatable, operation))
                .onSuccess(validated -> ctx.next())
                .onFailure(failure -> {
                    SwitchboardException error = ValidationFailures.toException(failure, operation);
                    if (error.code() == ErrorCode.TEL_900) {
                        ctx.fail(error);
                    } else {
                        ErrorResponses.send(ctx, error.code(), error.httpStatus(), error.getMessage(), error.details());
                    }
                    if (streamed) {
                        request.resume();
                    }
                });
    }

    /**
     * Validates on the calling event loop when the validator is vertx-openapi's own implementation
     * (whose {@code validateParameter} and {@code validateBody} are public methods): its
     * {@link RequestValidator#validate(ValidatableRequest, String)} makes the same calls inside an
     * ordered {@code executeBlocking}, which queues every request of the verticle behind one worker
     * and adds two thread hand-offs for work that is computation only. Another implementation is
     * called through the interface.
     *
     * @return the validated request, or the validator's exception
     */
    private Future<?> validate(ValidatableRequest request, Operation operation) {
        if (!(validator instanceof RequestValidatorImpl direct)) {
            return validator.validate(request, operation.getOperationId());
        }
        try {
            for (Parameter parameter : operation.getParameters()) {
                Map<String, RequestParameter> values = switch (parameter.getIn()) {
                    case QUERY -> request.getQuery();
                    case PATH -> request.getPathParameters();
                    case HEADER -> request.getHeaders();
                    case COOKIE -> request.getCookies();
                };
                direct.validateParameter(parameter, values.get(parameter.getName()));
            }
            direct.validateBody(operation.getRequestBody(), request);
            return Future.succeededFuture();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** @return whether a Content-Type value is JSON ({@code application/json} or {@code +json}) */
    static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static String clip(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
