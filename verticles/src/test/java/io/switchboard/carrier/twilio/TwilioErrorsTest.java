package io.switchboard.carrier.twilio;

import static io.switchboard.carrier.twilio.TwilioFixtures.resource;
import static io.switchboard.carrier.twilio.TwilioFixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierFailure;
import io.switchboard.contract.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio error bodies, parsed and classified for failover. */
class TwilioErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final TwilioProvider twilio = new TwilioProvider();

    @Test
    void tooManyRequestsIsRetryableAndHonoursRetryAfterSeconds() {
        CarrierFailure failure = twilio.failure(response(429, Map.of("Retry-After", List.of("7")),
                resource("error-20429.json")), NOW);

        assertTrue(failure.retryable());
        assertEquals(429, failure.httpStatus());
        assertEquals("20429", failure.carrierCode());
        assertEquals("Too Many Requests", failure.message());
        assertEquals(7_000L, failure.retryAfterMs());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        CarrierFailure failure = twilio.failure(response(429,
                Map.of("retry-after", List.of("Mon, 02 Mar 2026 10:00:30 GMT")), resource("error-20429.json")), NOW);

        assertEquals(30_000L, failure.retryAfterMs());
    }

    @Test
    void code20429IsRetryableEvenUnderAnotherStatus() {
        CarrierFailure failure = twilio.failure(response(400, Map.of(), resource("error-20429.json")), NOW);

        assertTrue(failure.retryable());
        assertNull(failure.retryAfterMs());
    }

    @Test
    void serviceUnavailableIsRetryable() {
        CarrierFailure failure = twilio.failure(response(503, Map.of(), resource("error-20500.json")), NOW);

        assertTrue(failure.retryable());
        assertEquals("20500", failure.carrierCode());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @Test
    void gatewayErrorWithAnHtmlBodyIsRetryableWithTheStatusAsCode() {
        CarrierFailure failure = twilio.failure(response(502, Map.of(), "<html><body>Bad Gateway</body></html>"), NOW);

        assertTrue(failure.retryable());
        assertEquals("502", failure.carrierCode());
        assertEquals("HTTP 502", failure.message());
    }

    @Test
    void invalidToIsFinalAndAnInvalidNumber() {
        CarrierFailure failure = twilio.failure(response(400, Map.of(), resource("error-21211.json")), NOW);

        assertFalse(failure.retryable());
        assertEquals("21211", failure.carrierCode());
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertTrue(failure.message().contains("not a valid phone number"));
        for (int code : new int[] {21217, 21401, 21614}) {
            CarrierFailure other = twilio.failure(response(400, Map.of(),
                    "{\"code\":" + code + ",\"message\":\"m\",\"status\":400}"), NOW);
            assertEquals(ErrorCode.TEL_001, other.cause(), "code " + code);
            assertFalse(other.retryable());
        }
    }

    @Test
    void authenticationFailureIsFinalCarrierError() {
        CarrierFailure failure = twilio.failure(response(401, Map.of(), resource("error-20003.json")), NOW);

        assertFalse(failure.retryable());
        assertEquals("20003", failure.carrierCode());
        assertEquals("Authenticate", failure.message());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @Test
    void otherClientErrorsAreFinal() {
        CarrierFailure failure = twilio.failure(response(400, Map.of(),
                "{\"code\":21220,\"message\":\"Invalid call state\",\"status\":400}"), NOW);

        assertFalse(failure.retryable());
        assertEquals("21220", failure.carrierCode());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }
}
