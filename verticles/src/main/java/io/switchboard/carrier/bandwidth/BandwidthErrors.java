package io.switchboard.carrier.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.contract.error.ErrorCode;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads Bandwidth error bodies and classifies them (retry table, section 10 of
 * {@code carrier-wire-formats.md}): 429 (honouring {@code Retry-After}) and 5xx are retryable;
 * 400/401/403/404/405/409/415 are final.
 *
 * <p>Bodies: Voice {@code voiceApiError} {@code {"type","description","id"}}; Messaging
 * {@code {"type","description","fieldErrors":[{"fieldName","description"}]}}. Bandwidth has no
 * numeric error codes, so {@code carrierCode} is {@code type}; a 400 that names the {@code to}
 * field (a field error on {@code to}, or a description starting "Invalid to") is an invalid
 * number: final, {@code TEL-001}.
 *
 * <p>Follows the error responses of https://dev.bandwidth.com/apis/voice/#tag/Calls and
 * https://dev.bandwidth.com/apis/messaging/#tag/Messages.
 */
public final class BandwidthErrors {

    private static final Pattern INVALID_TO = Pattern.compile("(?i)^\\s*invalid\\s+'?to'?\\b.*");

    private BandwidthErrors() {
    }

    /**
     * @param response a non-2xx response
     * @param now the current time, for a {@code Retry-After} date
     * @return the classified failure
     */
    public static CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        JsonNode body = CarrierJson.readOrNull(response.body());
        String type = CarrierJson.text(body, "type");
        String description = CarrierJson.text(body, "description");
        CarrierFailure failure = CarrierFailure.ofHttp(response.status(), type, description,
                response.header("Retry-After"), now);
        if (response.status() == 400 && namesTo(body, description)) {
            failure = failure.withCause(ErrorCode.TEL_001).asFinal();
        }
        return failure;
    }

    private static boolean namesTo(JsonNode body, String description) {
        if (body != null) {
            for (JsonNode field : body.path("fieldErrors")) {
                if ("to".equals(CarrierJson.text(field, "fieldName"))) {
                    return true;
                }
            }
        }
        return description != null && INVALID_TO.matcher(description).matches();
    }
}
