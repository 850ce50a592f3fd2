package io.switchboard.api.contract;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * A request as vertx-openapi extracted it, adjusted to how the API's handlers have always read
 * requests, before it is validated:
 * <ul>
 *   <li>a body without {@code Content-Type} is JSON;</li>
 *   <li>a blank parameter ({@code ?limit=}) is an absent one (the handlers' {@code Params} treat
 *       it so: optional, or "required" when it is required);</li>
 *   <li>a parameter whose schema is a string is a string: vertx-openapi 5.0.7's
 *       {@code ParameterTransformer.transformPrimitive} decodes any value that is not a single word
 *       as JSON first, so {@code +442071838750} or {@code 0.5} would become numbers and fail
 *       {@code type: string}; such values are passed as JSON string literals, which it decodes
 *       back to the very text;</li>
 *   <li>query parameters are taken from {@link HttpServerRequest#getParam} (the first value, as
 *       the handlers read them): vertx-openapi 5.0.7's {@code RequestUtils.extract} URL-decodes the
 *       already decoded values a second time, which turns {@code %2B} ({@code +}) into a space and
 *       fails on a literal {@code %}.</li>
 * </ul>
 */
record PreparedRequest(ValidatableRequest request, String contentType, Map<String, RequestParameter> query,
                       Map<String, RequestParameter> pathParameters, Map<String, RequestParameter> headers,
                       Map<String, RequestParameter> cookies) implements ValidatableRequest {

    /**
     * @param extracted what {@code RequestUtils.extract} built
     * @param operation its operation
     * @param http the HTTP request (its query parameters, decoded once)
     * @return the adjusted request
     */
    static PreparedRequest of(ValidatableRequest extracted, Operation operation, HttpServerRequest http) {
        Map<String, RequestParameter> query = new HashMap<>();
        for (Parameter parameter : operation.getParameters()) {
            String value = parameter.getIn() == Location.QUERY ? http.getParam(parameter.getName()) : null;
            if (value != null) {
                query.put(parameter.getName(), new Text(value));
            }
        }
        return new PreparedRequest(extracted,
                extracted.getContentType() == null ? "application/json" : extracted.getContentType(),
                adjust(query, operation, Location.QUERY),
                adjust(extracted.getPathParameters(), operation, Location.PATH),
                adjust(extracted.getHeaders(), operation, Location.HEADER),
                adjust(extracted.getCookies(), operation, Location.COOKIE));
    }

    private static Map<String, RequestParameter> adjust(Map<String, RequestParameter> values, Operation operation,
            Location in) {
        Map<String, RequestParameter> adjusted = new HashMap<>();
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() != in) {
                continue;
            }
            RequestParameter value = values.get(parameter.getName());
            if (value == null || value.isNull() || (value.get() instanceof String text && text.isBlank())) {
                continue;
            }
            adjusted.put(parameter.getName(), parameter.getSchemaType() == SchemaType.STRING
                    && value.get() instanceof String text ? new Text(Json.encode(text)) : value);
        }
        return adjusted;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public Map<String, RequestParameter> getCookies() {
        return cookies;
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, RequestParameter> getPathParameters() {
        return pathParameters;
    }

    @Override
    public Map<String, RequestParameter> getQuery() {
        return query;
    }

    @Override
    public RequestParameter getBody() {
        return request.getBody();
    }

    /** A raw parameter value. */
    private record Text(String value) implements RequestParameter {
        @Override
        public Object get() {
            return value;
        }
    }
}
