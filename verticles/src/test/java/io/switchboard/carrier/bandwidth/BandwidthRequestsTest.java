package io.switchboard.carrier.bandwidth;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.CarrierTestSupport.response;
import static io.switchboard.carrier.bandwidth.BandwidthFixtures.WEBHOOK_BASE;
import static io.switchboard.carrier.bandwidth.BandwidthFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.Signing;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BandwidthRequestsTest {

    private final BandwidthProvider bandwidth = new BandwidthProvider();

    @Test
    void createCallCarriesEveryFieldAndBasicAuth() {
        CarrierHttpRequest request = bandwidth.placeCall(account(), BandwidthFixtures.call());
        assertEquals("POST", request.method());
        assertEquals("https://voice.bandwidth.com/api/v2/accounts/9900000/calls", request.url());
        assertEquals(Signing.basic("api-user", "api-secret"), request.header("Authorization"));
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode body = json(request.body());
        assertEquals("+14155550100", body.get("from").asText());
        assertEquals("+442071838750", body.get("to").asText());
        assertEquals("93de2206-9669-4e07-948d-329f4b722ee2", body.get("applicationId").asText());
        assertEquals(WEBHOOK_BASE + "/voice/call-123/answer?pause=60", body.get("answerUrl").asText());
        assertEquals(WEBHOOK_BASE + "/voice/call-123/disconnect", body.get("disconnectUrl").asText());
        assertEquals("hook-user", body.get("username").asText());
        assertEquals("hook-secret", body.get("password").asText());
        assertEquals(25, body.get("callTimeout").asInt());
        assertEquals(10, body.get("callbackTimeout").asInt());
        assertEquals("call-123", body.get("tag").asText());
        assertFalse(body.has("displayName"));
    }

    @Test
    void ringTimeoutIsClampedAndRecordingAndPauseRideInTheAnswerUrl() {
        OutboundCall call = new OutboundCall("c 1", 1, E164.parse("+442071838750"), E164.parse("+14155550100"),
                "Acme", 900, true);
        CarrierAccount account = new CarrierAccount("bw-test", "bandwidth", BandwidthProvider.VOICE_BASE_URL,
                BandwidthFixtures.credentials(), Map.of("answer_pause_s", "15"), WEBHOOK_BASE);
        JsonNode body = json(bandwidth.placeCall(account, call).body());
        assertEquals(300, body.get("callTimeout").asInt());
        assertEquals(WEBHOOK_BASE + "/voice/c%201/answer?pause=15&record=true", body.get("answerUrl").asText());
        assertEquals("Acme", body.get("displayName").asText());
    }

    @Test
    void applicationIdSettingWinsOverCredential() {
        CarrierAccount account = new CarrierAccount("bw-test", "bandwidth", BandwidthProvider.VOICE_BASE_URL,
                BandwidthFixtures.credentials(), Map.of("application_id", "voice-app"), WEBHOOK_BASE);
        assertEquals("voice-app", json(bandwidth.placeCall(account, BandwidthFixtures.call()).body())
                .get("applicationId").asText());
    }

    @Test
    void missingApplicationIdIsAConfigurationError() {
        Map<String, String> credentials = new java.util.LinkedHashMap<>(BandwidthFixtures.credentials());
        credentials.remove("application_id");
        CarrierAccount account = new CarrierAccount("bw-test", "bandwidth", BandwidthProvider.VOICE_BASE_URL,
                credentials, Map.of(), WEBHOOK_BASE);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> bandwidth.placeCall(account, BandwidthFixtures.call()));
        assertTrue(error.getMessage().contains("application_id"));
    }

    @Test
    void messageGoesToTheMessagingHostWithTagAndOneRecipient() {
        CarrierHttpRequest request = bandwidth.sendMessage(account(), BandwidthFixtures.message());
        assertEquals("POST", request.method());
        assertEquals("https://messaging.bandwidth.com/api/v2/users/9900000/messages", request.url());
        assertEquals(Signing.basic("api-user", "api-secret"), request.header("Authorization"));
        JsonNode body = json(request.body());
        assertEquals("93de2206-9669-4e07-948d-329f4b722ee2", body.get("applicationId").asText());
        assertEquals(1, body.get("to").size());
        assertEquals("+442071838750", body.get("to").get(0).asText());
        assertEquals("+14155550100", body.get("from").asText());
        assertEquals("Hello", body.get("text").asText());
        assertEquals("msg-456", body.get("tag").asText());
    }

    @Test
    void messagingHostFollowsSettingOrSandbox() {
        CarrierAccount sandbox = BandwidthFixtures.account(BandwidthFixtures.credentials(), "http://127.0.0.1:4000");
        assertEquals("http://127.0.0.1:4000/api/v2/users/9900000/messages",
                bandwidth.sendMessage(sandbox, BandwidthFixtures.message()).url());
        CarrierAccount configured = new CarrierAccount("bw-test", "bandwidth", BandwidthProvider.VOICE_BASE_URL,
                BandwidthFixtures.credentials(), Map.of("messaging_base_url", "https://proxy.example.com/",
                "messaging_application_id", "sms-app"), WEBHOOK_BASE);
        CarrierHttpRequest request = bandwidth.sendMessage(configured, BandwidthFixtures.message());
        assertEquals("https://proxy.example.com/api/v2/users/9900000/messages", request.url());
        assertEquals("sms-app", json(request.body()).get("applicationId").asText());
    }

    @Test
    void fetchHangUpAndProbe() {
        CarrierHttpRequest fetch = bandwidth.fetchCall(account(), "c-abc");
        assertEquals("GET", fetch.method());
        assertEquals("https://voice.bandwidth.com/api/v2/accounts/9900000/calls/c-abc", fetch.url());
        assertEquals(0, fetch.body().length);
        assertNull(fetch.header("Content-Type"));

        for (CallState state : new CallState[] {CallState.RINGING, CallState.ANSWERED}) {
            CarrierHttpRequest hangUp = bandwidth.hangUp(account(), "c-abc", state).orElseThrow();
            assertEquals("POST", hangUp.method());
            assertEquals("https://voice.bandwidth.com/api/v2/accounts/9900000/calls/c-abc", hangUp.url());
            assertEquals("completed", json(hangUp.body()).get("state").asText());
        }

        CarrierHttpRequest probe = bandwidth.probe(account());
        assertEquals("GET", probe.method());
        assertEquals("https://voice.bandwidth.com/api/v2/accounts/9900000/calls?pageSize=1", probe.url());
        assertEquals(Signing.basic("api-user", "api-secret"), probe.header("Authorization"));
    }

    @Test
    void acceptedIdReadsCallIdOrMessageId() {
        assertEquals("c-15ac29a2", bandwidth.acceptedId(response(201, "{\"callId\":\"c-15ac29a2\",\"tag\":\"x\"}"),
                Service.VOICE));
        assertEquals("1589228074636lm4k2je7j7jklbn2", bandwidth.acceptedId(
                response(202, "{\"id\":\"1589228074636lm4k2je7j7jklbn2\",\"owner\":\"+1\"}"), Service.SMS));
        assertThrows(IllegalArgumentException.class, () -> bandwidth.acceptedId(response(201, "{\"id\":\"x\"}"),
                Service.VOICE));
        assertThrows(IllegalArgumentException.class, () -> bandwidth.acceptedId(response(201, "not json"),
                Service.VOICE));
    }

    @Test
    void describesItself() {
        assertEquals("bandwidth", bandwidth.name());
        assertEquals(java.util.Set.of(Service.VOICE, Service.SMS), bandwidth.services());
        assertTrue(bandwidth.requiredCredentials().containsAll(java.util.List.of("account_id", "username", "password",
                "webhook_username", "webhook_password")));
        assertEquals("https://voice.bandwidth.com", bandwidth.defaultBaseUrl());
        assertTrue(bandwidth.simulator() instanceof BandwidthSimulator);
    }
}
