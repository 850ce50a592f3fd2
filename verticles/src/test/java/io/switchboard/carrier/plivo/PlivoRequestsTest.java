package io.switchboard.carrier.plivo;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.plivo.PlivoTestSupport.account;
import static io.switchboard.carrier.plivo.PlivoTestSupport.call;
import static io.switchboard.carrier.plivo.PlivoTestSupport.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlivoRequestsTest {

    private static final String ACCOUNT_URL = "https://api.plivo.com/v1/Account/MAXXXXXXXXXXXXXXXXXX/";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "MAXXXXXXXXXXXXXXXXXX:my_auth_token".getBytes(StandardCharsets.UTF_8));

    private final PlivoProvider provider = new PlivoProvider();

    @Test
    void makeCallCarriesTheThreeCallbackUrls() {
        CarrierHttpRequest request = provider.placeCall(account(), call());
        assertEquals("POST", request.method());
        assertEquals(ACCOUNT_URL + "Call/", request.url());
        assertEquals(BASIC, request.header("Authorization"));
        assertEquals("application/json", request.header("content-type"));
        JsonNode body = json(request.body());
        assertEquals("+16502530000", body.get("from").asText());
        assertEquals("+14155550100", body.get("to").asText());
        String base = PlivoTestSupport.WEBHOOK_BASE + "/voice/call_01HX";
        assertEquals(base + "/answer", body.get("answer_url").asText());
        assertEquals("POST", body.get("answer_method").asText());
        assertEquals(base + "/ring", body.get("ring_url").asText());
        assertEquals("POST", body.get("ring_method").asText());
        assertEquals(base + "/hangup", body.get("hangup_url").asText());
        assertEquals("POST", body.get("hangup_method").asText());
        assertEquals(40, body.get("ring_timeout").asInt());
        assertEquals("Acme", body.get("caller_name").asText());
    }

    @Test
    void aCallWithoutNameSendsNoCallerName() {
        OutboundCall anonymous = new OutboundCall("c", 1, call().to(), call().from(), " ", 30, true);
        JsonNode body = json(provider.placeCall(account(), anonymous).body());
        assertFalse(body.has("caller_name"));
        assertFalse(body.has("record"), "Plivo records through XML or the Record API, not on make-call");
    }

    @Test
    void sendMessageNamesItsStatusUrl() {
        CarrierHttpRequest request = provider.sendMessage(account(), message());
        assertEquals("POST", request.method());
        assertEquals(ACCOUNT_URL + "Message/", request.url());
        assertEquals(BASIC, request.header("Authorization"));
        JsonNode body = json(request.body());
        assertEquals("+16502530000", body.get("src").asText());
        assertEquals("+14155550100", body.get("dst").asText());
        assertEquals("Your code is 123456", body.get("text").asText());
        assertEquals("sms", body.get("type").asText());
        assertEquals(PlivoTestSupport.WEBHOOK_BASE + "/sms/msg_01HX", body.get("url").asText());
        assertEquals("POST", body.get("method").asText());
    }

    @Test
    void fetchAndProbeAreAuthenticatedGets() {
        CarrierHttpRequest fetch = provider.fetchCall(account(), "2c8e4e4b-0e6f-4d6b-8b0a-2f3c1c9e0a11");
        assertEquals("GET", fetch.method());
        assertEquals(ACCOUNT_URL + "Call/2c8e4e4b-0e6f-4d6b-8b0a-2f3c1c9e0a11/", fetch.url());
        assertEquals(BASIC, fetch.header("Authorization"));
        assertEquals(0, fetch.body().length);
        CarrierHttpRequest probe = provider.probe(account());
        assertEquals("GET", probe.method());
        assertEquals(ACCOUNT_URL, probe.url());
        assertEquals(BASIC, probe.header("Authorization"));
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"QUEUED", "INITIATED"})
    void beforePlivoHasACallUuidTheRequestIsCanceled(CallState state) {
        CarrierHttpRequest request = provider.hangUp(account(), "req-uuid", state).orElseThrow();
        assertEquals("DELETE", request.method());
        assertEquals(ACCOUNT_URL + "Request/req-uuid/", request.url());
        assertEquals(BASIC, request.header("Authorization"));
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"RINGING", "ANSWERED"})
    void fromRingingOnTheCallIsDeleted(CallState state) {
        CarrierHttpRequest request = provider.hangUp(account(), "call-uuid", state).orElseThrow();
        assertEquals("DELETE", request.method());
        assertEquals(ACCOUNT_URL + "Call/call-uuid/", request.url());
        assertEquals(0, request.body().length);
    }

    @Test
    void acceptedIdIsTheRequestUuidOrTheFirstMessageUuid() {
        CarrierHttpResponse call = response(201, "{\"message\":\"call fired\",\"request_uuid\":"
                + "\"9834029e-58b6-11e1-b8b7-a5bd0e4e126f\",\"api_id\":\"97ceeb52-58b6-11e1-86da-77300b68f8bb\"}");
        assertEquals("9834029e-58b6-11e1-b8b7-a5bd0e4e126f", provider.acceptedId(call, Service.VOICE));
        CarrierHttpResponse sms = response(202, "{\"api_id\":\"a\",\"message\":\"message(s) queued\","
                + "\"message_uuid\":[\"5b40a428-bfc7-4daf-9d06-726c558bf3b8\"]}");
        assertEquals("5b40a428-bfc7-4daf-9d06-726c558bf3b8", provider.acceptedId(sms, Service.SMS));
        CarrierHttpResponse several = response(201, "{\"request_uuid\":[\"r1\",\"r2\"]}");
        assertEquals("r1", provider.acceptedId(several, Service.VOICE));

        assertThrows(IllegalArgumentException.class, () -> provider.acceptedId(call, Service.SMS));
        assertThrows(IllegalArgumentException.class, () -> provider.acceptedId(response(201, "<html/>"), Service.VOICE));
        assertThrows(IllegalArgumentException.class, () -> provider.acceptedId(response(202,
                "{\"message_uuid\":[]}"), Service.SMS));
    }

    @Test
    void describesItself() {
        assertEquals("plivo", provider.name());
        assertEquals("https://api.plivo.com", provider.defaultBaseUrl());
        assertEquals(List.of("auth_id", "auth_token"), provider.requiredCredentials());
        assertTrue(provider.services().contains(Service.VOICE) && provider.services().contains(Service.SMS));
        assertTrue(provider.simulator() instanceof PlivoSimulator);
    }

    private static CarrierHttpResponse response(int status, String body) {
        return new CarrierHttpResponse(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
