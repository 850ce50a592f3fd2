package io.switchboard.carrier.telnyx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.contract.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelnyxErrorsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
    private final TelnyxProvider provider = new TelnyxProvider();

    @Test
    void rateLimitIsRetryableAfterTheResetHeader() {
        CarrierFailure failure = provider.failure(response(429, Map.of("x-ratelimit-limit", "5, 5;w=1",
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", "3"), error("10011", "Too many requests",
                "You have exceeded the maximum number of allowed requests.")), NOW);
        assertTrue(failure.retryable());
        assertEquals(429, failure.httpStatus());
        assertEquals("10011", failure.carrierCode());
        assertEquals("Too many requests: You have exceeded the maximum number of allowed requests.", failure.message());
        assertEquals(ErrorCode.TEL_006, failure.cause());
        assertEquals(3000L, failure.retryAfterMs());
    }

    @Test
    void retryAfterWinsOverTheResetHeaderAndAnEpochResetIsAWait() {
        CarrierHttpResponse both = response(429, Map.of("Retry-After", "7", "x-ratelimit-reset", "3"), "");
        assertEquals(7000L, provider.failure(both, NOW).retryAfterMs());
        CarrierHttpResponse epoch = response(429, Map.of("x-ratelimit-reset",
                String.valueOf(NOW.getEpochSecond() + 12)), "");
        assertEquals(12000L, provider.failure(epoch, NOW).retryAfterMs());
        assertNull(provider.failure(response(429, Map.of("x-ratelimit-reset", "soon"), ""), NOW).retryAfterMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetryable(int status) {
        CarrierFailure failure = provider.failure(response(status, Map.of(), error("10007", "Service unavailable",
                "try later")), NOW);
        assertTrue(failure.retryable());
        assertEquals("10007", failure.carrierCode());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10002", "10016", "40310"})
    void anInvalidDestinationIsFinalAndTel001(String code) {
        CarrierFailure failure = provider.failure(response(422, Map.of(), error(code, "Phone number must be in +E164 "
                + "format", "The 'to' parameter must be in E164 format.")), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertEquals(code, failure.carrierCode());
    }

    @Test
    void anInactiveNumberIsFinalAndTel002() {
        CarrierFailure failure = provider.failure(response(422, Map.of(), error("10001", "Inactive phone number",
                "The phone number is inactive.")), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_002, failure.cause());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void otherClientErrorsAreFinal(int status) {
        CarrierFailure failure = provider.failure(response(status, Map.of(), error("90018", "Call has already ended",
                "This call is no longer active and can't receive commands.")), NOW);
        assertFalse(failure.retryable());
        assertEquals(status, failure.httpStatus());
        assertEquals("90018", failure.carrierCode());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @Test
    void aBodyWithoutErrorsFallsBackToTheStatus() {
        CarrierFailure html = provider.failure(response(401, Map.of(), "<html>Unauthorized</html>"), NOW);
        assertFalse(html.retryable());
        assertEquals("401", html.carrierCode());
        assertEquals("HTTP 401", html.message());
        CarrierFailure titleOnly = provider.failure(response(403, Map.of(),
                "{\"errors\":[{\"code\":\"10010\",\"title\":\"Authorization failed\"}]}"), NOW);
        assertEquals("Authorization failed", titleOnly.message());
        assertEquals("10010", titleOnly.carrierCode());
    }

    static String error(String code, String title, String detail) {
        return "{\"errors\":[{\"code\":\"" + code + "\",\"title\":\"" + title + "\",\"detail\":\"" + detail.replace("\"",
                "\\\"") + "\"}]}";
    }

    static CarrierHttpResponse response(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new CarrierHttpResponse(status, multi, body.getBytes(StandardCharsets.UTF_8));
    }
}
