package io.switchboard.carrier.sinch;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.CarrierTestSupport.response;
import static io.switchboard.carrier.sinch.SinchFixtures.WEBHOOK_BASE;
import static io.switchboard.carrier.sinch.SinchFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinchRequestsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00.250Z");
    private final SinchProvider sinch = new SinchProvider(Clock.fixed(NOW, ZoneOffset.UTC));

    /** The signature a request carries must be the Application signature of exactly what it sends. */
    private static void assertSigned(CarrierHttpRequest request) {
        assertEquals("2026-03-02T10:00:00.250Z", request.header("x-timestamp"));
        assertEquals(SinchApplicationSignature.authorization("my-key-id", "bXkta2V5LXNlY3JldA==", request.method(),
                request.body(), request.header("Content-Type"), request.header("x-timestamp"),
                URI.create(request.url()).getPath()), request.header("Authorization"));
        assertTrue(SinchApplicationSignature.verify("my-key-id", "bXkta2V5LXNlY3JldA==", request.method(), request.body(),
                request.header("Content-Type"), request.header("Authorization"), request.header("x-timestamp"),
                URI.create(request.url()).getPath(), NOW, SinchApplicationSignature.WINDOW).accepted());
    }

    @Test
    void calloutIsASignedCustomCalloutCarryingOurIdInCustomAndTheAceUrl() {
        CarrierHttpRequest request = sinch.placeCall(account(), SinchFixtures.call());
        assertEquals("POST", request.method());
        assertEquals("https://calling.api.sinch.com/calling/v1/callouts", request.url());
        assertEquals("application/json", request.header("Content-Type"));
        assertSigned(request);
        JsonNode body = json(request.body());
        assertEquals("customCallout", body.get("method").asText());
        JsonNode callout = body.get("customCallout");
        assertEquals("+14155550100", callout.get("cli").asText());
        assertEquals("number", callout.at("/destination/type").asText());
        assertEquals("+442071838750", callout.at("/destination/endpoint").asText());
        assertEquals("call-123", callout.get("custom").asText());
        assertEquals(3600, callout.get("maxDuration").asInt());
        assertEquals(WEBHOOK_BASE + "/voice/call-123", callout.get("ace").asText());
        assertEquals(5, callout.size(), callout.toString());
    }

    @Test
    void maxDurationIsASettingWithinSinchLimits() {
        assertEquals(600, json(sinch.placeCall(account(Map.of("max_duration_s", "600")), SinchFixtures.call()).body())
                .at("/customCallout/maxDuration").asInt());
        assertEquals(14_400, json(sinch.placeCall(account(Map.of("max_duration_s", "99999")), SinchFixtures.call())
                .body()).at("/customCallout/maxDuration").asInt());
        assertThrows(IllegalStateException.class,
                () -> sinch.placeCall(account(Map.of("max_duration_s", "long")), SinchFixtures.call()));
    }

    @Test
    void batchUsesBearerTokenAndPerRecipientReports() {
        CarrierHttpRequest request = sinch.sendMessage(account(), SinchFixtures.message());
        assertEquals("POST", request.method());
        assertEquals("https://us.sms.api.sinch.com/xms/v1/a1b2c3d4e5f6/batches", request.url());
        assertEquals("Bearer token-123", request.header("Authorization"));
        JsonNode body = json(request.body());
        assertEquals("+14155550100", body.get("from").asText());
        assertEquals(List.of("+442071838750"), List.of(body.get("to").get(0).asText()));
        assertEquals(1, body.get("to").size());
        assertEquals("Hello", body.get("body").asText());
        assertEquals("per_recipient", body.get("delivery_report").asText());
        assertEquals(WEBHOOK_BASE + "/sms/msg-456", body.get("callback_url").asText());
        assertEquals("msg-456", body.get("client_reference").asText());
    }

    @Test
    void companionHostsFollowSettingsOrSandbox() {
        var sandbox = SinchFixtures.sandbox(SinchFixtures.credentials(), "http://127.0.0.1:4300");
        assertEquals("http://127.0.0.1:4300/xms/v1/a1b2c3d4e5f6/batches", sinch.sendMessage(sandbox,
                SinchFixtures.message()).url());
        assertEquals("http://127.0.0.1:4300/v1/configuration/numbers", sinch.probe(sandbox).url());
        assertEquals("https://eu.sms.api.sinch.com/xms/v1/a1b2c3d4e5f6/batches", sinch.sendMessage(
                account(Map.of("sms_base_url", "https://eu.sms.api.sinch.com")), SinchFixtures.message()).url());
    }

    @Test
    void fetchHangUpAndProbeAreSigned() {
        CarrierHttpRequest fetch = sinch.fetchCall(account(), "adf92089-df2a-4f14-a377-1e975f588fe4");
        assertEquals("GET", fetch.method());
        assertEquals("https://calling.api.sinch.com/calling/v1/calls/id/adf92089-df2a-4f14-a377-1e975f588fe4", fetch.url());
        assertNull(fetch.header("Content-Type"));
        assertSigned(fetch);

        for (CallState state : new CallState[] {CallState.RINGING, CallState.ANSWERED}) {
            CarrierHttpRequest hangUp = sinch.hangUp(account(), "adf92089", state).orElseThrow();
            assertEquals("PATCH", hangUp.method());
            assertEquals("https://calling.api.sinch.com/calling/v1/calls/id/adf92089", hangUp.url());
            assertEquals("{\"instructions\":[],\"action\":{\"name\":\"hangup\"}}", hangUp.bodyText());
            assertSigned(hangUp);
        }

        CarrierHttpRequest probe = sinch.probe(account());
        assertEquals("GET", probe.method());
        assertEquals("https://callingapi.sinch.com/v1/configuration/numbers", probe.url());
        assertSigned(probe);
    }

    @Test
    void acceptedIdReadsCallIdOrBatchId() {
        assertEquals("adf92089-df2a-4f14-a377-1e975f588fe4", sinch.acceptedId(response(200,
                "{\"callId\":\"adf92089-df2a-4f14-a377-1e975f588fe4\"}"), Service.VOICE));
        assertEquals("01FC66621XXXXX119Z8PMV1QPQ", sinch.acceptedId(response(201,
                "{\"id\":\"01FC66621XXXXX119Z8PMV1QPQ\",\"to\":[\"+1\"],\"canceled\":false}"), Service.SMS));
        assertThrows(IllegalArgumentException.class, () -> sinch.acceptedId(response(200, "{\"id\":\"x\"}"), Service.VOICE));
    }

    @Test
    void describesItself() {
        assertEquals("sinch", sinch.name());
        assertEquals(java.util.Set.of(Service.VOICE, Service.SMS), sinch.services());
        assertEquals(List.of("application_key", "application_secret", "service_plan_id", "api_token", "webhook_secret"),
                sinch.requiredCredentials());
        assertEquals("https://calling.api.sinch.com", sinch.defaultBaseUrl());
        assertTrue(sinch.simulator() instanceof SinchSimulator);
    }
}
