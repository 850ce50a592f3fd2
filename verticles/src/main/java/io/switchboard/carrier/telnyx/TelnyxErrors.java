package io.switchboard.carrier.telnyx;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.ErrorCode;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/**
 * Reads a Telnyx error response and classifies it for failover.
 *
 * <p>Body: {@code {"errors":[{"code":"10016","title":"...","detail":"...","source":{...}}]}}, the
 * {@code code} a string (spec schema {@code call-control_Errors}). Classification, following
 * https://developers.telnyx.com/development/api-fundamentals/api-errors and the retry table of
 * {@code carrier-wire-formats.md} section 10:
 * <ul>
 *   <li>429 (code 10011) and 5xx (10007) are retryable; the wait is {@code Retry-After}, else
 *       {@code x-ratelimit-reset} (seconds until the window resets,
 *       https://developers.telnyx.com/development/api-fundamentals/reliability/rate-limiting);</li>
 *   <li>every other status is final (400, 401, 403, 404, 422 such as 90018 "call has already
 *       ended");</li>
 *   <li>an invalid destination (10002 invalid phone number, 10016 not +E.164, 40310 invalid
 *       'to' address) is final with cause {@code TEL-001}; 10001 (inactive number) is final
 *       with {@code TEL-002}.</li>
 * </ul>
 */
final class TelnyxErrors {

    /** Telnyx codes meaning the destination number is not a valid number. */
    static final Set<String> INVALID_NUMBER = Set.of("10002", "10016", "40310");
    /** Telnyx code for an inactive (unreachable) number. */
    static final String INACTIVE_NUMBER = "10001";
    /** A reset value above this is an epoch time rather than a delay in seconds. */
    private static final long EPOCH_THRESHOLD_S = 1_000_000_000L;

    private TelnyxErrors() {
    }

    /**
     * @param response a non-2xx response from the Telnyx API
     * @param now the current time, for HTTP-date and epoch waits
     * @return the failure: the first error's code and {@code title: detail}, classified as above
     */
    static CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        JsonNode first = firstError(response.body());
        String code = CarrierJson.text(first, "code");
        String title = CarrierJson.text(first, "title");
        String detail = CarrierJson.text(first, "detail");
        String message = title == null ? detail : detail == null ? title : title + ": " + detail;
        CarrierFailure failure = CarrierFailure.ofHttp(response.status(), code, message, null, now);
        Long waitMs = waitMs(response, now);
        if (waitMs != null) {
            failure = new CarrierFailure(failure.retryable(), failure.httpStatus(), failure.carrierCode(),
                    failure.message(), failure.cause(), waitMs);
        }
        if (code != null && INVALID_NUMBER.contains(code)) {
            return failure.withCause(ErrorCode.TEL_001).asFinal();
        }
        if (INACTIVE_NUMBER.equals(code)) {
            return failure.withCause(ErrorCode.TEL_002).asFinal();
        }
        return failure;
    }

    /** @return the wait the response asks for in ms: {@code Retry-After}, else {@code x-ratelimit-reset}; or null */
    static Long waitMs(CarrierHttpResponse response, Instant now) {
        Long retryAfter = CarrierFailure.retryAfterMs(response.header("Retry-After"), now);
        if (retryAfter != null) {
            return retryAfter;
        }
        String reset = response.header("x-ratelimit-reset");
        if (reset == null) {
            return null;
        }
        try {
            long value = Long.parseLong(reset.trim());
            long seconds = value > EPOCH_THRESHOLD_S ? value - now.getEpochSecond() : value;
            return Math.max(0, seconds) * 1000;
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static JsonNode firstError(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode errors = Json.mapper().readTree(body).path("errors");
            return errors.isArray() && !errors.isEmpty() ? errors.get(0) : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
