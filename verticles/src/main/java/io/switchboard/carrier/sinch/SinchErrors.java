package io.switchboard.carrier.sinch;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.contract.error.ErrorCode;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads Sinch error bodies and classifies them (retry table, section 10 of
 * {@code carrier-wire-formats.md}): 429 and 5xx retryable, 4xx final.
 *
 * <p>Shapes: Voice {@code {"status","errorCode":40001,"message","reference"}}; SMS
 * {@code {"code":"syntax_invalid_parameter_format","text"}}; generic problem+json
 * {@code {"type","title","detail"}} (e.g. 429). Invalid number ({@code TEL-001}, final): Voice
 * {@code 40005} (number without leading plus), or {@code 40001}/{@code 40003} whose message speaks
 * of a number or the destination; SMS {@code syntax_invalid_parameter_format} or
 * {@code syntax_constraint_violation} whose text names {@code to} or a recipient.
 *
 * <p>Follows https://developers.sinch.com/docs/voice/api-reference/errors and
 * https://developers.sinch.com/docs/sms/api-reference/error-codes.
 */
public final class SinchErrors {

    private static final Pattern VOICE_NUMBER = Pattern.compile("(?i)\\b(number|destination|endpoint)\\b");
    private static final Pattern SMS_NUMBER = Pattern.compile("(?i)(\\bto\\b|recipient|msisdn)");

    private SinchErrors() {
    }

    /**
     * @param response a non-2xx response
     * @return the classified failure
     */
    public static CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        JsonNode body = CarrierJson.readOrNull(response.body());
        String code;
        String message;
        boolean invalidNumber = false;
        if (body != null && body.has("errorCode")) {
            code = CarrierJson.text(body, "errorCode");
            message = CarrierJson.text(body, "message");
            invalidNumber = "40005".equals(code) || (("40001".equals(code) || "40003".equals(code))
                    && message != null && VOICE_NUMBER.matcher(message).find());
        } else if (body != null && body.has("code") && body.has("text")) {
            code = CarrierJson.text(body, "code");
            message = CarrierJson.text(body, "text");
            invalidNumber = ("syntax_invalid_parameter_format".equals(code) || "syntax_constraint_violation".equals(code))
                    && message != null && SMS_NUMBER.matcher(message).find();
        } else {
            code = CarrierJson.text(body, "title");
            message = CarrierJson.text(body, "detail");
        }
        CarrierFailure failure = CarrierFailure.ofHttp(response.status(), code, message,
                response.header("Retry-After"), now);
        return invalidNumber && response.status() < 500 ? failure.withCause(ErrorCode.TEL_001).asFinal() : failure;
    }
}
