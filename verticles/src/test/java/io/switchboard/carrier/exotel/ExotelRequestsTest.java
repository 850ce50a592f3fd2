package io.switchboard.carrier.exotel;

import static io.switchboard.carrier.exotel.ExotelFixtures.account;
import static io.switchboard.carrier.exotel.ExotelFixtures.form;
import static io.switchboard.carrier.exotel.ExotelFixtures.resource;
import static io.switchboard.carrier.exotel.ExotelFixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The requests ExotelProvider builds, the ids it reads and the failures it classifies. */
class ExotelRequestsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final ExotelProvider exotel = new ExotelProvider();

    @Test
    void placeCallPostsEveryFieldToConnectJson() {
        CarrierHttpRequest request = exotel.placeCall(account(), ExotelFixtures.call());

        assertEquals("POST", request.method());
        assertEquals("https://api.in.exotel.com/v1/Accounts/acme1/Calls/connect.json", request.url());
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("key-2b04c2:token-a1b2c3", basic(request));
        Map<String, List<String>> form = form(request);
        assertEquals(List.of("+918047112233"), form.get("From"));
        assertEquals(List.of("+919876543210"), form.get("To"));
        assertEquals(List.of("+918047112233"), form.get("CallerId"), "the call's from without a caller_id setting");
        assertEquals(List.of("30"), form.get("TimeOut"));
        assertEquals(List.of("false"), form.get("Record"));
        assertEquals(List.of(ExotelFixtures.CALL_ID), form.get("CustomField"));
        assertEquals(List.of("https://exotel-hooks:p%40ss%20word%3A1@sb.example.com/v1/webhooks/exotel-in/voice/"
                + ExotelFixtures.CALL_ID), form.get("StatusCallback"));
        assertEquals(List.of("terminal"), form.get("StatusCallbackEvents[0]"));
        assertEquals(List.of("answered"), form.get("StatusCallbackEvents[1]"));
        assertEquals(List.of("application/json"), form.get("StatusCallbackContentType"));
        assertEquals(10, form.size());
    }

    @Test
    void callerIdComesFromTheAccountSetting() {
        Map<String, List<String>> form = form(exotel.placeCall(account(Map.of("caller_id", "08047110000")),
                ExotelFixtures.call()));

        assertEquals(List.of("08047110000"), form.get("CallerId"));
        assertEquals(List.of("+918047112233"), form.get("From"));
    }

    @Test
    void sendMessagePostsToSmsSend() {
        CarrierHttpRequest ascii = exotel.sendMessage(account(), ExotelFixtures.message("Code 123456"));
        CarrierHttpRequest unicode = exotel.sendMessage(account(Map.of("dlt_entity_id", "1101", "dlt_template_id", "77")),
                ExotelFixtures.message("नमस्ते"));

        assertEquals("POST", ascii.method());
        assertEquals("https://api.in.exotel.com/v1/Accounts/acme1/Sms/send.json", ascii.url());
        assertEquals("key-2b04c2:token-a1b2c3", basic(ascii));
        Map<String, List<String>> form = form(ascii);
        assertEquals(List.of("+918047112233"), form.get("From"));
        assertEquals(List.of("+919876543210"), form.get("To"));
        assertEquals(List.of("Code 123456"), form.get("Body"));
        assertEquals(List.of(ExotelFixtures.MESSAGE_ID), form.get("CustomField"));
        assertTrue(form.get("StatusCallback").get(0).endsWith("@sb.example.com/v1/webhooks/exotel-in/sms/msg-42"));
        assertEquals(5, form.size());
        Map<String, List<String>> other = form(unicode);
        assertEquals(List.of("unicode"), other.get("EncodingType"));
        assertEquals(List.of("नमस्ते"), other.get("Body"));
        assertEquals(List.of("1101"), other.get("DltEntityId"));
        assertEquals(List.of("77"), other.get("DltTemplateId"));
    }

    @Test
    void fetchAndProbeAreAuthenticatedGets() {
        CarrierHttpRequest fetch = exotel.fetchCall(account(), "c5797dcbaaeed7678c4062a4a3ed2f8a");
        CarrierHttpRequest probe = exotel.probe(account());

        assertEquals("GET", fetch.method());
        assertEquals("https://api.in.exotel.com/v1/Accounts/acme1/Calls/c5797dcbaaeed7678c4062a4a3ed2f8a.json",
                fetch.url());
        assertEquals("GET", probe.method());
        assertEquals("https://api.in.exotel.com/v1/Accounts/acme1/Balance.json", probe.url());
        assertEquals("key-2b04c2:token-a1b2c3", basic(probe));
        assertEquals(0, probe.body().length);
    }

    @ParameterizedTest
    @EnumSource(CallState.class)
    void hangUpIsNotOffered(CallState state) {
        assertTrue(exotel.hangUp(account(), "c5797dcbaaeed7678c4062a4a3ed2f8a", state).isEmpty());
    }

    @Test
    void acceptedIdReadsTheSidOfTheWrapper() {
        assertEquals("c5797dcbaaeed7678c4062a4a3ed2f8a",
                exotel.acceptedId(response(200, Map.of(), resource("connect-response.json")), Service.VOICE));
        assertEquals("0f477d60517e6e6a0f6d9a7e9af8630e",
                exotel.acceptedId(response(200, Map.of(), resource("sms-response.json")), Service.SMS));
        assertThrows(IllegalArgumentException.class,
                () -> exotel.acceptedId(response(200, Map.of(), resource("connect-response.json")), Service.SMS));
        assertThrows(IllegalArgumentException.class,
                () -> exotel.acceptedId(response(200, Map.of(), "<TwilioResponse/>"), Service.VOICE));
    }

    @Test
    void tooManyRequestsIsRetryableWithRetryAfter() {
        CarrierFailure failure = exotel.failure(response(429, Map.of("Retry-After", List.of("3")),
                resource("error-429.json")), NOW);

        assertTrue(failure.retryable());
        assertEquals(3_000L, failure.retryAfterMs());
        assertEquals("429", failure.carrierCode());
        assertEquals("Too Many Requests", failure.message());
    }

    @Test
    void serverErrorsAreRetryableWhateverTheBody() {
        assertTrue(exotel.failure(response(503, Map.of(), ""), NOW).retryable());
        assertTrue(exotel.failure(response(500, Map.of(),
                "<TwilioResponse><RestException><Status>500</Status></RestException></TwilioResponse>"), NOW).retryable());
    }

    @Test
    void clientErrorsAreFinalByStatusAlone() {
        for (int status : new int[] {400, 401, 403, 404}) {
            CarrierFailure failure = exotel.failure(response(status, Map.of(),
                    "{\"RestException\":{\"Status\":" + status + ",\"Message\":\"Invalid Recipient\",\"Code\":" + status
                            + "}}"), NOW);
            assertFalse(failure.retryable(), "status " + status);
            assertEquals(ErrorCode.TEL_006, failure.cause());
            assertNull(failure.retryAfterMs());
        }
    }

    private static String basic(CarrierHttpRequest request) {
        String header = request.header("Authorization");
        assertTrue(header.startsWith("Basic "));
        return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    }
}
