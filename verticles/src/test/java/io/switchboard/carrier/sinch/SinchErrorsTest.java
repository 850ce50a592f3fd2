package io.switchboard.carrier.sinch;

import static io.switchboard.carrier.CarrierTestSupport.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierFailure;
import io.switchboard.contract.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SinchErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final SinchProvider sinch = new SinchProvider();

    @Test
    void problemJson429IsRetryableWithRetryAfter() {
        CarrierFailure failure = sinch.failure(response(429, "{\"type\":\"https://developers.sinch.com/docs/errors/"
                + "registry/too-many-requests\",\"title\":\"Too Many Requests\",\"detail\":\"Rate limit exceeded\"}",
                "Retry-After", "3"), NOW);
        assertTrue(failure.retryable());
        assertEquals("Too Many Requests", failure.carrierCode());
        assertEquals("Rate limit exceeded", failure.message());
        assertEquals(3000L, failure.retryAfterMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void serverErrorsAreRetryable(int status) {
        CarrierFailure failure = sinch.failure(response(status, "{\"status\":\"503 Service Unavailable\","
                + "\"errorCode\":50300,\"message\":\"try later\"}"), NOW);
        assertTrue(failure.retryable());
        assertEquals("50300", failure.carrierCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "40005|Number missing leading plus|TEL-001",
        "40001|Invalid parameters: destination number '+1555' is not valid|TEL-001",
        "40003|Invalid number|TEL-001",
        "40001|Method needs to be `ttsCallout`, `conferenceCallout`, or `customCallout`|TEL-006",
        "40002|Bad request: TTS callout information missing|TEL-006",
        "40004|Bad request: Application key is invalid|TEL-006"})
    void voiceBadRequests(String code, String message, String cause) {
        CarrierFailure failure = sinch.failure(response(400, "{\"errorCode\":" + code + ",\"message\":\"" + message
                + "\"}"), NOW);
        assertFalse(failure.retryable());
        assertEquals(code, failure.carrierCode());
        assertEquals(message, failure.message());
        assertEquals(cause, failure.cause().code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "syntax_invalid_parameter_format|Invalid recipient(s): '+1555'|TEL-001",
        "syntax_constraint_violation|'to' must contain at least one number|TEL-001",
        "syntax_invalid_parameter_format|'foo' is not a valid identifier|TEL-006",
        "missing_parameter|body is missing|TEL-006"})
    void smsBadRequests(String code, String text, String cause) {
        CarrierFailure failure = sinch.failure(response(400, "{\"code\":\"" + code + "\",\"text\":\"" + text + "\"}"), NOW);
        assertFalse(failure.retryable());
        assertEquals(code, failure.carrierCode());
        assertEquals(cause, failure.cause().code());
    }

    @Test
    void authFailuresAreFinal() {
        CarrierFailure voice = sinch.failure(response(401, "{\"status\":\"401 Unauthorized\",\"errorCode\":40100,"
                + "\"message\":\"Unauthorized\"}"), NOW);
        assertFalse(voice.retryable());
        assertEquals(ErrorCode.TEL_006, voice.cause());
        CarrierFailure sms = sinch.failure(response(401, "{\"code\":\"unauthorized\",\"text\":\"Bad token\"}"), NOW);
        assertFalse(sms.retryable());
        assertEquals(401, sms.httpStatus());
    }
}
