package io.switchboard.carrier.plivo;

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

class PlivoErrorsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
    private final PlivoProvider provider = new PlivoProvider();

    @ParameterizedTest
    @ValueSource(strings = {"invalid destination number '+1555' in to", "to: '+1555' is not a valid number",
        "Invalid 'dst' parameter", "destination number is invalid"})
    void anInvalidDestinationIsFinalAndTel001(String message) {
        CarrierFailure failure = provider.failure(response(400, Map.of(), body(message)), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertEquals("400", failure.carrierCode());
        assertEquals(message, failure.message());
    }

    @Test
    void anotherValidationErrorIsFinalButNotTel001() {
        CarrierFailure failure = provider.failure(response(400, Map.of(), body("answer_url is a required field")), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_006, failure.cause());
        assertEquals(ErrorCode.TEL_006, provider.failure(response(400, Map.of(),
                body("invalid answer_url: it must point to a server")), NOW).cause());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 405, 409, 422})
    void otherClientErrorsAreFinal(int status) {
        CarrierFailure failure = provider.failure(response(status, Map.of(), body("not allowed")), NOW);
        assertFalse(failure.retryable());
        assertEquals(status, failure.httpStatus());
        assertEquals(String.valueOf(status), failure.carrierCode());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @Test
    void rateLimitIsRetryableAndHonoursRetryAfter() {
        CarrierFailure failure = provider.failure(response(429, Map.of("Retry-After", "2"), body("too many requests")),
                NOW);
        assertTrue(failure.retryable());
        assertEquals(2000L, failure.retryAfterMs());
        assertNull(provider.failure(response(429, Map.of(), ""), NOW).retryAfterMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreRetryable(int status) {
        assertTrue(provider.failure(response(status, Map.of(), body("server error")), NOW).retryable());
    }

    @Test
    void anErrorObjectOrAPlainTextBodyIsKeptAsTheMessage() {
        CarrierFailure object = provider.failure(response(400, Map.of(),
                "{\"api_id\":\"x\",\"error\":{\"to\":[\"required\"]}}"), NOW);
        assertEquals("{\"to\":[\"required\"]}", object.message());
        CarrierFailure text = provider.failure(response(401, Map.of(), "Could not verify your access level"), NOW);
        assertEquals("Could not verify your access level", text.message());
        assertEquals("HTTP 404", provider.failure(response(404, Map.of(), ""), NOW).message());
        assertEquals(500, provider.failure(response(401, Map.of(), "x".repeat(2000)), NOW).message().length());
    }

    private static String body(String error) {
        return "{\"api_id\":\"c5a3c5f0-0000-11e1-86da-77300b68f8bb\",\"error\":\"" + error + "\"}";
    }

    private static CarrierHttpResponse response(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new CarrierHttpResponse(status, multi, body.getBytes(StandardCharsets.UTF_8));
    }
}
