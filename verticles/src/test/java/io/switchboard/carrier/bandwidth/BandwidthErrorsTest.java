package io.switchboard.carrier.bandwidth;

import static io.switchboard.carrier.CarrierTestSupport.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierFailure;
import io.switchboard.contract.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BandwidthErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final BandwidthProvider bandwidth = new BandwidthProvider();

    @Test
    void tooManyRequestsIsRetryableAndHonoursRetryAfter() {
        CarrierFailure failure = bandwidth.failure(response(429,
                "{\"type\":\"too-many-requests\",\"description\":\"Slow down\"}", "Retry-After", "7"), NOW);
        assertTrue(failure.retryable());
        assertEquals(429, failure.httpStatus());
        assertEquals("too-many-requests", failure.carrierCode());
        assertEquals("Slow down", failure.message());
        assertEquals(7000L, failure.retryAfterMs());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetryable(int status) {
        CarrierFailure failure = bandwidth.failure(response(status,
                "{\"type\":\"internal-server-error\",\"description\":\"oops\",\"id\":null}"), NOW);
        assertTrue(failure.retryable());
        assertNull(failure.retryAfterMs());
    }

    @Test
    void voiceInvalidToIsFinalTel001() {
        CarrierFailure failure = bandwidth.failure(response(400,
                "{\"type\":\"validation\",\"description\":\"Invalid to: '+1555' must be replaced with a valid E164 "
                        + "formatted telephone number\",\"id\":null}"), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertEquals("validation", failure.carrierCode());
    }

    @Test
    void messagingFieldErrorOnToIsFinalTel001() {
        CarrierFailure failure = bandwidth.failure(response(400, "{\"type\":\"request-validation\","
                + "\"description\":\"Your request could not be accepted.\",\"fieldErrors\":[{\"fieldName\":\"to\","
                + "\"description\":\"'+invalid' must be replaced with a valid E164 formatted telephone number\"}]}"), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_001, failure.cause());
    }

    @Test
    void otherValidationErrorsAreFinalButNotInvalidNumber() {
        CarrierFailure failure = bandwidth.failure(response(400, "{\"type\":\"validation\","
                + "\"description\":\"Invalid answerUrl: only http and https are allowed.\",\"fieldErrors\":[{\"fieldName\":"
                + "\"from\",\"description\":\"bad\"}]}"), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 405, 409, 415})
    void authAndOtherClientErrorsAreFinal(int status) {
        CarrierFailure failure = bandwidth.failure(response(status,
                "{\"type\":\"unauthorized\",\"description\":\"The provided credentials are not authorized\"}"), NOW);
        assertFalse(failure.retryable());
        assertEquals(status, failure.httpStatus());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @Test
    void unreadableBodyKeepsTheStatus() {
        CarrierFailure failure = bandwidth.failure(response(502, "<html>Bad gateway</html>"), NOW);
        assertTrue(failure.retryable());
        assertEquals("502", failure.carrierCode());
        assertEquals("HTTP 502", failure.message());
    }
}
