package io.switchboard.carrier.twilio;

import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.contract.error.ErrorCode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * Reads Twilio's error body {@code {"code": 21211, "message": "...", "more_info": "https://www.twilio.com/docs/errors/21211",
 * "status": 400}} and classifies it for failover (section 10 of {@code carrier-wire-formats.md}):
 * <ul>
 *   <li>HTTP 429 or code 20429 (too many requests): retryable, with the {@code Retry-After} wait
 *       when Twilio sends one; Twilio says such requests were not processed;</li>
 *   <li>HTTP 5xx: retryable;</li>
 *   <li>an invalid destination ({@link #INVALID_TO}: 21211 invalid 'To', 21217 number does not
 *       appear valid, 21401 invalid phone number, 21614 'To' is not a valid mobile number): final,
 *       cause {@code TEL-001};</li>
 *   <li>anything else, authentication (20003) included: final, cause {@code TEL-006}.</li>
 * </ul>
 *
 * <p>Follows twilio-java {@code com/twilio/exception/RestException.java} for the body and
 * <a href="https://www.twilio.com/docs/api/errors">the error dictionary</a> for the codes
 * (<a href="https://www.twilio.com/docs/api/errors/20429">20429</a>).
 */
final class TwilioErrors {

    /** Twilio's code for too many requests. */
    static final int TOO_MANY_REQUESTS = 20429;
    /** Twilio's codes for a destination number that is not valid. */
    static final Set<Integer> INVALID_TO = Set.of(21211, 21217, 21401, 21614);

    private TwilioErrors() {
    }

    /**
     * @param response a non-2xx response of the Twilio API (any body: JSON, HTML from a proxy, empty)
     * @param now the current time, for a {@code Retry-After} date
     * @return the classified failure; the carrier code is Twilio's {@code code}, or the HTTP status
     */
    static CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        JsonObject body = json(response);
        Integer code = intValue(body, "code");
        String message = body.getValue("message") instanceof String text && !text.isBlank() ? text : null;
        CarrierFailure failure = CarrierFailure.ofHttp(response.status(), code == null ? null : code.toString(),
                message, response.header("Retry-After"), now);
        if (code != null && code == TOO_MANY_REQUESTS && !failure.retryable()) {
            return new CarrierFailure(true, failure.httpStatus(), failure.carrierCode(), failure.message(),
                    failure.cause(), failure.retryAfterMs());
        }
        if (code != null && INVALID_TO.contains(code) && response.status() < 500) {
            return failure.asFinal().withCause(ErrorCode.TEL_001);
        }
        return failure;
    }

    private static JsonObject json(CarrierHttpResponse response) {
        String text = response.bodyText().trim();
        if (!text.startsWith("{")) {
            return new JsonObject();
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException unreadable) {
            return new JsonObject();
        }
    }

    private static Integer intValue(JsonObject body, String key) {
        Object value = body.getValue(key);
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text) {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException notNumber) {
                return null;
            }
        }
        return null;
    }
}
