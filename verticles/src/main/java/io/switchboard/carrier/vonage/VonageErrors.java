package io.switchboard.carrier.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.contract.error.ErrorCode;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Vonage error answers and classifies them (retry table, section 10 of
 * {@code carrier-wire-formats.md}): 429 and 5xx retryable, other 4xx final.
 *
 * <p>Two shapes. Voice API: RFC 7807 {@code {"type","title","detail","instance",
 * "invalid_parameters":[{"name","reason"}]}}; {@code carrierCode} is the fragment of {@code type}
 * ({@code ...api-errors#unauthorized} → {@code unauthorized}); a 400 whose invalid parameter is
 * {@code to} is an invalid number ({@code TEL-001}). SMS API: HTTP 200 even when refused,
 * {@code {"messages":[{"status":"2","error-text":"Missing to param"}]}}: status {@code 1}
 * (throttled) and {@code 5} (internal error) are retryable, the others final; status {@code 3}
 * (invalid parameters) naming {@code to} is {@code TEL-001}.
 *
 * <p>Follows https://developer.vonage.com/en/api-errors and
 * https://developer.vonage.com/en/messaging/sms/guides/troubleshooting-sms#sms-api-error-codes.
 */
public final class VonageErrors {

    private static final Pattern NAMES_TO = Pattern.compile("(?i)\\bto\\b");

    private VonageErrors() {
    }

    /**
     * @param response a non-2xx response, or a 200 SMS API answer whose message was refused
     * @return the classified failure
     */
    public static CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        Optional<CarrierFailure> sms = smsRefusal(response);
        if (sms.isPresent()) {
            return sms.get();
        }
        JsonNode body = CarrierJson.readOrNull(response.body());
        String type = CarrierJson.text(body, "type");
        String code = type == null ? null : type.substring(type.lastIndexOf('#') + 1);
        String title = CarrierJson.text(body, "title");
        String detail = CarrierJson.text(body, "detail");
        String message = title == null ? detail : detail == null ? title : title + ": " + detail;
        CarrierFailure failure = CarrierFailure.ofHttp(response.status(), code, message,
                response.header("Retry-After"), now);
        if (response.status() == 400 && body != null) {
            for (JsonNode parameter : body.path("invalid_parameters")) {
                String name = CarrierJson.text(parameter, "name");
                if (name != null && (name.equals("to") || name.startsWith("to[") || name.startsWith("to."))) {
                    return failure.withCause(ErrorCode.TEL_001).asFinal();
                }
            }
        }
        return failure;
    }

    /**
     * @param response an SMS API answer (any status)
     * @return the failure when its first message has a non-zero {@code status}, else empty
     */
    public static Optional<CarrierFailure> smsRefusal(CarrierHttpResponse response) {
        JsonNode body = CarrierJson.readOrNull(response.body());
        JsonNode first = body == null ? null : body.path("messages").path(0);
        String status = CarrierJson.text(first, "status");
        if (status == null || status.equals("0")) {
            return Optional.empty();
        }
        String text = CarrierJson.text(first, "error-text");
        boolean retryable = status.equals("1") || status.equals("5");
        ErrorCode cause = status.equals("3") && text != null && NAMES_TO.matcher(text).find()
                ? ErrorCode.TEL_001 : ErrorCode.TEL_006;
        return Optional.of(new CarrierFailure(retryable, response.status(), status,
                text == null ? "SMS API status " + status : text, cause, null));
    }
}
