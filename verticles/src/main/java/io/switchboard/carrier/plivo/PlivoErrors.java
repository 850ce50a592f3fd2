package io.switchboard.carrier.plivo;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.ErrorCode;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads a Plivo error response and classifies it for failover.
 *
 * <p>Body: {@code {"api_id":"...","error":"<message>"}}, where {@code error} may also be an object
 * (plivo-python {@code plivo/rest/client.py}, which maps 400 to ValidationError, 401 to
 * AuthenticationError, 404 to ResourceNotFound, 405/409/422 to InvalidRequest, 500 to
 * PlivoServerError). Plivo sends no error codes, so the carrier code is the HTTP status.
 * Classification (retry table of {@code carrier-wire-formats.md} section 10): 429 and 5xx are
 * retryable (honouring {@code Retry-After}), every other status final. A 400 whose message says
 * something is invalid and names the number ({@code number}, {@code destination}, {@code dst},
 * {@code 'to'}, {@code to:}) is {@code TEL-001}; Plivo documents no code or fixed wording for it,
 * so this is matched on the message text.
 */
final class PlivoErrors {

    /** A message saying something is invalid... */
    private static final Pattern INVALID = Pattern.compile("(?i)\\b(invalid|not a valid|not valid)\\b");
    /** ...about the destination number. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?i)(\\bnumber\\b|\\bdestination\\b|\\bdst\\b|'to'|\"to\"|\\bto:)");
    private static final int MAX_MESSAGE = 500;

    private PlivoErrors() {
    }

    /**
     * @param response a non-2xx response from the Plivo API
     * @param now the current time, for an HTTP-date {@code Retry-After}
     * @return the failure, classified as in the class comment
     */
    static CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        String message = message(response);
        CarrierFailure failure = CarrierFailure.ofHttp(response.status(), null, message,
                response.header("Retry-After"), now);
        if (response.status() == 400 && message != null && INVALID.matcher(message).find()
                && NUMBER.matcher(message).find()) {
            return failure.withCause(ErrorCode.TEL_001).asFinal();
        }
        return failure;
    }

    /** @return the {@code error} field (an object as its JSON text), else the body text, else null */
    static String message(CarrierHttpResponse response) {
        if (response.body().length == 0) {
            return null;
        }
        try {
            JsonNode error = Json.mapper().readTree(response.body()).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
            if (!error.isMissingNode() && !error.isNull()) {
                return error.toString();
            }
        } catch (IOException notJson) {
            // Plivo answers some errors (401 from its gateway) with plain text or HTML
        }
        String text = response.bodyText().strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text;
    }
}
