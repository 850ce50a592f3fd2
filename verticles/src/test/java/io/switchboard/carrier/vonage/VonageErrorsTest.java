package io.switchboard.carrier.vonage;

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

class VonageErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final VonageProvider vonage = new VonageProvider();

    @Test
    void throttledVoiceRequestIsRetryableWithRetryAfterDate() {
        CarrierFailure failure = vonage.failure(response(429, "{\"type\":\"https://developer.nexmo.com/api-errors"
                + "#throttled\",\"title\":\"Too Many Requests\",\"detail\":\"Slow down\"}",
                "Retry-After", "Mon, 02 Mar 2026 10:00:05 GMT"), NOW);
        assertTrue(failure.retryable());
        assertEquals("throttled", failure.carrierCode());
        assertEquals("Too Many Requests: Slow down", failure.message());
        assertEquals(5000L, failure.retryAfterMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void serverErrorsAreRetryable(int status) {
        assertTrue(vonage.failure(response(status, "{\"title\":\"Internal Error\"}"), NOW).retryable());
    }

    @Test
    void invalidToParameterIsFinalTel001() {
        CarrierFailure failure = vonage.failure(response(400, "{\"type\":\"https://developer.nexmo.com/api-errors"
                + "#invalid-parameters\",\"title\":\"Bad Request\",\"detail\":\"The request failed validation\","
                + "\"invalid_parameters\":[{\"name\":\"to[0].number\",\"reason\":\"Invalid phone number\"}]}"), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertEquals("invalid-parameters", failure.carrierCode());
    }

    @Test
    void otherBadRequestsAreFinalCarrierErrors() {
        CarrierFailure failure = vonage.failure(response(400, "{\"type\":\"https://developer.nexmo.com/api-errors"
                + "#invalid-parameters\",\"title\":\"Bad Request\",\"invalid_parameters\":[{\"name\":\"event_url\"}]}"), NOW);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_006, failure.cause());
    }

    @Test
    void badCredentialsAreFinal() {
        CarrierFailure failure = vonage.failure(response(401, "{\"type\":\"https://developer.nexmo.com/api-errors"
                + "#unauthorized\",\"title\":\"Invalid credentials supplied\",\"detail\":\"You did not provide correct "
                + "credentials.\",\"instance\":\"797a8f199c45014ab7b08bfe9cc1c12c\"}"), NOW);
        assertFalse(failure.retryable());
        assertEquals("unauthorized", failure.carrierCode());
        assertEquals(401, failure.httpStatus());
    }

    @ParameterizedTest
    @CsvSource({"1,Throttled,true,TEL-006", "5,Internal Error,true,TEL-006", "2,Missing to param,false,TEL-006",
        "3,Invalid to address,false,TEL-001", "4,Bad Credentials,false,TEL-006", "9,Partner quota exceeded,false,TEL-006",
        "29,Non-Whitelisted Destination,false,TEL-006"})
    void smsApiStatusesAreClassified(String status, String text, String retryable, String cause) {
        CarrierFailure failure = vonage.failure(response(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\""
                + status + "\",\"error-text\":\"" + text + "\"}]}"), NOW);
        assertEquals("true".equals(retryable), failure.retryable());
        assertEquals(cause, failure.cause().code());
        assertEquals(status, failure.carrierCode());
        assertEquals(text, failure.message());
    }

    @Test
    void acceptedSmsIsNoRefusal() {
        assertTrue(VonageErrors.smsRefusal(response(200, "{\"messages\":[{\"status\":\"0\"}]}")).isEmpty());
        assertTrue(VonageErrors.smsRefusal(response(201, "{\"uuid\":\"x\"}")).isEmpty());
    }
}
