package io.switchboard.carrier.exotel;

import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Reads Exotel's error body {@code {"RestException":{"Status":429,"Message":"...","Code":...}}}
 * and classifies it by the HTTP status alone, as Exotel asks callers to do: 429 and 5xx are
 * retryable (with the {@code Retry-After} wait when one is sent), 400/401/403 and every other
 * status are final, cause {@code TEL-006}. Exotel's {@code Message} texts are not a stable
 * contract, so an invalid recipient is not told apart from other 400s.
 *
 * <p>Follows section 8 of {@code carrier-wire-formats.md}, which cites Exotel's support article
 * 48282 (rely on the HTTP status, not on {@code Message}) and the
 * <a href="https://developer.exotel.com/api/make-a-call-api">Connect two numbers</a> page.
 */
final class ExotelErrors {

    private ExotelErrors() {
    }

    /**
     * @param response a non-2xx response of the Exotel API (JSON, XML or empty body)
     * @param now the current time, for a {@code Retry-After} date
     * @return the failure; the carrier code is {@code RestException.Code} when present, else the HTTP status
     */
    static CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        JsonObject exception = restException(response);
        Object code = exception.getValue("Code");
        Object message = exception.getValue("Message");
        return CarrierFailure.ofHttp(response.status(), code == null ? null : code.toString(),
                message instanceof String text && !text.isBlank() ? text : null, response.header("Retry-After"), now);
    }

    private static JsonObject restException(CarrierHttpResponse response) {
        String text = response.bodyText().trim();
        if (!text.startsWith("{")) {
            return new JsonObject();
        }
        try {
            Object inner = new JsonObject(text).getValue("RestException");
            return inner instanceof JsonObject object ? object : new JsonObject();
        } catch (DecodeException unreadable) {
            return new JsonObject();
        }
    }
}
