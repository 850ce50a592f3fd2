package io.switchboard.carrier.telnyx;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.telnyx.TelnyxTestSupport.account;
import static io.switchboard.carrier.telnyx.TelnyxTestSupport.call;
import static io.switchboard.carrier.telnyx.TelnyxTestSupport.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierAccount;
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

class TelnyxRequestsTest {

    private final TelnyxProvider provider = new TelnyxProvider();

    @Test
    void dialCarriesEveryFieldOfTheCallControlDial() {
        CarrierHttpRequest request = provider.placeCall(account(), call());

        assertEquals("POST", request.method());
        assertEquals("https://api.telnyx.com/v2/calls", request.url());
        assertEquals("Bearer KEY0123_secret", request.header("authorization"));
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode body = json(request.body());
        assertEquals("1494404757140276705", body.get("connection_id").asText());
        assertEquals("+14155550100", body.get("to").asText());
        assertEquals("+16502530000", body.get("from").asText());
        assertEquals("Acme Support", body.get("from_display_name").asText());
        assertEquals(45, body.get("timeout_secs").asInt());
        assertEquals("https://sb.example.com/v1/webhooks/telnyx-eu/voice/call_01HX", body.get("webhook_url").asText());
        assertEquals("POST", body.get("webhook_url_method").asText());
        assertEquals("call_01HX", new String(Base64.getDecoder().decode(body.get("client_state").asText()),
                StandardCharsets.UTF_8));
        assertEquals("call_01HX-2", body.get("command_id").asText());
        assertFalse(body.has("record"));
    }

    @Test
    void recordingAndRingTimeoutAreMappedToTelnyxValues() {
        OutboundCall recorded = new OutboundCall("c1", 1, call().to(), call().from(), null, 1, true);
        JsonNode body = json(provider.placeCall(account(), recorded).body());
        assertEquals("record-from-answer", body.get("record").asText());
        assertEquals(5, body.get("timeout_secs").asInt(), "below Telnyx's minimum of 5 s");
        assertFalse(body.has("from_display_name"));

        OutboundCall longRing = new OutboundCall("c1", 1, call().to(), call().from(), null, 900, false);
        assertEquals(600, json(provider.placeCall(account(), longRing).body()).get("timeout_secs").asInt());
    }

    @Test
    void displayNameKeepsOnlyWhatTelnyxAccepts() {
        assertEquals("Acme Inc. - Support x", TelnyxRequests.displayName("Acme, Inc. - Support <x>"));
        assertEquals(128, TelnyxRequests.displayName("a".repeat(300)).length());
        assertNull(TelnyxRequests.displayName("<>"));
        assertNull(TelnyxRequests.displayName(null));
    }

    @Test
    void connectionIdMayBeASetting() {
        CarrierAccount account = new CarrierAccount("telnyx", "telnyx", "http://127.0.0.1:9", Map.of("api_key", "k",
                "public_key", "p"), Map.of("connection_id", "from-settings"), "http://hooks");
        assertEquals("from-settings", json(provider.placeCall(account, call()).body()).get("connection_id").asText());

        CarrierAccount none = new CarrierAccount("telnyx", "telnyx", "http://127.0.0.1:9", Map.of("api_key", "k",
                "public_key", "p"), Map.of(), "http://hooks");
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> provider.placeCall(none, call()));
        assertTrue(missing.getMessage().contains("connection_id"));
        assertEquals(List.of("api_key", "public_key"), provider.requiredCredentials());
    }

    @Test
    void messageGoesToV2MessagesWithItsStatusWebhook() {
        CarrierHttpRequest request = provider.sendMessage(account(), message());
        assertEquals("POST", request.method());
        assertEquals("https://api.telnyx.com/v2/messages", request.url());
        assertEquals("Bearer KEY0123_secret", request.header("Authorization"));
        JsonNode body = json(request.body());
        assertEquals("+16502530000", body.get("from").asText());
        assertEquals("+14155550100", body.get("to").asText());
        assertEquals("Your code is 123456", body.get("text").asText());
        assertEquals("https://sb.example.com/v1/webhooks/telnyx-eu/sms/msg_01HX", body.get("webhook_url").asText());
        assertFalse(body.has("messaging_profile_id"));

        CarrierAccount withProfile = new CarrierAccount("t", "telnyx", "https://api.telnyx.com", account().credentials(),
                Map.of("messaging_profile_id", "4000eba1-a0c0-4563-9925-b25e842a7cb6"), "https://hooks");
        assertEquals("4000eba1-a0c0-4563-9925-b25e842a7cb6",
                json(provider.sendMessage(withProfile, message()).body()).get("messaging_profile_id").asText());
    }

    @Test
    void fetchAndProbeAreAuthenticatedGets() {
        CarrierHttpRequest fetch = provider.fetchCall(account(), "v3:MdI91X4lWFEs7Ig_bBEOT9M4");
        assertEquals("GET", fetch.method());
        assertEquals("https://api.telnyx.com/v2/calls/v3:MdI91X4lWFEs7Ig_bBEOT9M4", fetch.url());
        assertEquals("Bearer KEY0123_secret", fetch.header("Authorization"));
        assertEquals(0, fetch.body().length);

        CarrierHttpRequest probe = provider.probe(account());
        assertEquals("GET", probe.method());
        assertEquals("https://api.telnyx.com/v2/balance", probe.url());
        assertEquals("Bearer KEY0123_secret", probe.header("Authorization"));
    }

    @Test
    void callIdsAreEncodedAsOnePathSegment() {
        assertEquals("https://api.telnyx.com/v2/calls/a%2Fb%20c:d==", provider.fetchCall(account(), "a/b c:d==").url());
    }

    @ParameterizedTest
    @EnumSource(CallState.class)
    void hangUpIsTheSameActionInEveryState(CallState state) {
        CarrierHttpRequest request = provider.hangUp(account(), "v3:abc", state).orElseThrow();
        assertEquals("POST", request.method());
        assertEquals("https://api.telnyx.com/v2/calls/v3:abc/actions/hangup", request.url());
        assertEquals("Bearer KEY0123_secret", request.header("Authorization"));
        assertEquals("hangup", json(request.body()).get("command_id").asText());
    }

    @Test
    void acceptedIdIsTheCallControlIdOrTheMessageId() {
        CarrierHttpResponse dial = response("{\"data\":{\"call_control_id\":\"v3:abc\",\"call_leg_id\":\"l\","
                + "\"call_session_id\":\"s\",\"is_alive\":false,\"record_type\":\"call\"}}");
        assertEquals("v3:abc", provider.acceptedId(dial, Service.VOICE));
        CarrierHttpResponse sms = response("{\"data\":{\"id\":\"40385f64-5717-4562-b3fc-2c963f66afa6\","
                + "\"record_type\":\"message\"}}");
        assertEquals("40385f64-5717-4562-b3fc-2c963f66afa6", provider.acceptedId(sms, Service.SMS));

        assertThrows(IllegalArgumentException.class, () -> provider.acceptedId(sms, Service.VOICE));
        assertThrows(IllegalArgumentException.class, () -> provider.acceptedId(response("not json"), Service.VOICE));
        assertThrows(IllegalArgumentException.class, () -> provider.acceptedId(response("{\"data\":{\"call_control_id\":"
                + "\"\"}}"), Service.VOICE));
    }

    @Test
    void describesItself() {
        assertEquals("telnyx", provider.name());
        assertEquals("https://api.telnyx.com", provider.defaultBaseUrl());
        assertTrue(provider.services().contains(Service.SMS) && provider.services().contains(Service.VOICE));
        assertTrue(provider.simulator() instanceof TelnyxSimulator);
    }

    private static CarrierHttpResponse response(String body) {
        return new CarrierHttpResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
