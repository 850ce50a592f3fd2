package io.switchboard.carrier.vonage;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.CarrierTestSupport.response;
import static io.switchboard.carrier.vonage.VonageFixtures.CREDENTIALS;
import static io.switchboard.carrier.vonage.VonageFixtures.WEBHOOK_BASE;
import static io.switchboard.carrier.vonage.VonageFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VonageRequestsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final VonageProvider vonage = new VonageProvider(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void createCallUsesDigitsNccoEventUrlAndRingingTimer() {
        CarrierHttpRequest request = vonage.placeCall(account(), VonageFixtures.call());
        assertEquals("POST", request.method());
        assertEquals("https://api.nexmo.com/v1/calls", request.url());
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode body = json(request.body());
        assertEquals("phone", body.at("/to/0/type").asText());
        assertEquals("442071838750", body.at("/to/0/number").asText());
        assertEquals("14155550100", body.at("/from/number").asText());
        assertEquals("talk", body.at("/ncco/0/action").asText());
        assertEquals(1, body.get("ncco").size());
        assertEquals(WEBHOOK_BASE + "/voice/call-123", body.at("/event_url/0").asText());
        assertEquals("POST", body.get("event_method").asText());
        assertEquals(25, body.get("ringing_timer").asInt());
        assertFalse(body.has("answer_url"));
    }

    @Test
    void jwtIsRs256UnderTheApplicationKeyWithTheDocumentedClaims() throws Exception {
        String auth = vonage.placeCall(account(), VonageFixtures.call()).header("Authorization");
        assertTrue(auth.startsWith("Bearer "));
        SignedJWT jwt = SignedJWT.parse(auth.substring(7));
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) VonagePem.publicKey(CREDENTIALS.get("public_key")))));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(CREDENTIALS.get("application_id"), claims.getStringClaim("application_id"));
        assertEquals(NOW, claims.getIssueTime().toInstant());
        assertEquals(NOW.plus(VonageApplicationJwt.VALIDITY), claims.getExpirationTime().toInstant());
        assertNotNull(claims.getJWTID());
        String other = vonage.fetchCall(account(), "x").header("Authorization");
        assertNotEquals(claims.getJWTID(), SignedJWT.parse(other.substring(7)).getJWTClaimsSet().getJWTID());
        assertNull(VonageApplicationJwt.problem(auth, CREDENTIALS.get("application_id"), CREDENTIALS.get("public_key"), NOW));
        assertEquals("token expired", VonageApplicationJwt.problem(auth, CREDENTIALS.get("application_id"),
                CREDENTIALS.get("public_key"), NOW.plusSeconds(3600)));
    }

    @Test
    void recordingAndAnswerUrlOptions() {
        OutboundCall recorded = new OutboundCall("call-1", 1, E164.parse("+442071838750"), E164.parse("+14155550100"),
                null, 500, true);
        JsonNode body = json(vonage.placeCall(account(Map.of("talk_text", "Hi")), recorded).body());
        assertEquals("record", body.at("/ncco/0/action").asText());
        assertEquals(WEBHOOK_BASE + "/voice/call-1/recording", body.at("/ncco/0/eventUrl/0").asText());
        assertEquals("Hi", body.at("/ncco/1/text").asText());
        assertEquals(120, body.get("ringing_timer").asInt());

        JsonNode viaUrl = json(vonage.placeCall(account(Map.of("answer_url", "https://ncco.example.com/a")),
                VonageFixtures.call()).body());
        assertEquals("https://ncco.example.com/a", viaUrl.at("/answer_url/0").asText());
        assertFalse(viaUrl.has("ncco"));
    }

    @Test
    void smsIsAFormWithKeySecretCallbackAndClientRef() {
        CarrierHttpRequest request = vonage.sendMessage(account(), VonageFixtures.message());
        assertEquals("POST", request.method());
        assertEquals("https://rest.nexmo.com/sms/json", request.url());
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertNull(request.header("Authorization"));
        Map<String, List<String>> form = new QueryStringDecoder(request.bodyText(), StandardCharsets.UTF_8, false)
                .parameters();
        assertEquals(List.of(CREDENTIALS.get("api_key")), form.get("api_key"));
        assertEquals(List.of(CREDENTIALS.get("api_secret")), form.get("api_secret"));
        assertEquals(List.of("14155550100"), form.get("from"));
        assertEquals(List.of("442071838750"), form.get("to"));
        assertEquals(List.of("Hello"), form.get("text"));
        assertEquals(List.of("text"), form.get("type"));
        assertEquals(List.of("true"), form.get("status-report-req"));
        assertEquals(List.of(WEBHOOK_BASE + "/sms/msg-456"), form.get("callback"));
        assertEquals(List.of("msg-456"), form.get("client-ref"));

        OutboundMessage unicode = new OutboundMessage("m", 1, E164.parse("+442071838750"), E164.parse("+14155550100"),
                "Grüße");
        assertTrue(vonage.sendMessage(account(), unicode).bodyText().contains("type=unicode"));
    }

    @Test
    void smsHostFollowsSettingOrSandbox() {
        assertEquals("http://127.0.0.1:4200/sms/json", vonage.sendMessage(VonageFixtures.sandbox(CREDENTIALS,
                "http://127.0.0.1:4200"), VonageFixtures.message()).url());
        assertEquals("https://sms.example.com/sms/json", vonage.sendMessage(account(Map.of("sms_base_url",
                "https://sms.example.com/")), VonageFixtures.message()).url());
    }

    @Test
    void fetchHangUpAndProbe() {
        CarrierHttpRequest fetch = vonage.fetchCall(account(), "63f61863-4a51-4f6b-86e1-46edebcf9356");
        assertEquals("GET", fetch.method());
        assertEquals("https://api.nexmo.com/v1/calls/63f61863-4a51-4f6b-86e1-46edebcf9356", fetch.url());
        assertTrue(fetch.header("Authorization").startsWith("Bearer "));
        for (CallState state : new CallState[] {CallState.RINGING, CallState.ANSWERED}) {
            CarrierHttpRequest hangUp = vonage.hangUp(account(), "63f6", state).orElseThrow();
            assertEquals("PUT", hangUp.method());
            assertEquals("https://api.nexmo.com/v1/calls/63f6", hangUp.url());
            assertEquals("{\"action\":\"hangup\"}", hangUp.bodyText());
        }
        CarrierHttpRequest probe = vonage.probe(account());
        assertEquals("GET", probe.method());
        assertEquals("https://api.nexmo.com/v1/calls?page_size=1", probe.url());
        assertTrue(probe.header("Authorization").startsWith("Bearer "));
    }

    @Test
    void acceptedIdReadsUuidOrMessageId() {
        assertEquals("63f61863-4a51-4f6b-86e1-46edebcf9356", vonage.acceptedId(response(201,
                "{\"uuid\":\"63f61863-4a51-4f6b-86e1-46edebcf9356\",\"status\":\"started\",\"direction\":\"outbound\","
                        + "\"conversation_uuid\":\"CON-f972836a\"}"), Service.VOICE));
        assertEquals("0A0000000123ABCD1", vonage.acceptedId(response(200, "{\"message-count\":\"1\",\"messages\":["
                + "{\"to\":\"447700900000\",\"message-id\":\"0A0000000123ABCD1\",\"status\":\"0\"}]}"), Service.SMS));
        assertThrows(IllegalArgumentException.class, () -> vonage.acceptedId(response(201, "{}"), Service.VOICE));
    }

    @Test
    void smsRefusedWithHttp200IsNotAnAcceptance() {
        var refused = response(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"3\","
                + "\"error-text\":\"Invalid to address\"}]}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> vonage.acceptedId(refused, Service.SMS));
        assertTrue(error.getMessage().contains("status 3"));
        CarrierFailure failure = vonage.refusal(refused, Service.SMS, NOW).orElseThrow();
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertTrue(vonage.refusal(response(200, "{\"messages\":[{\"status\":\"0\",\"message-id\":\"x\"}]}"),
                Service.SMS, NOW).isEmpty());
        assertTrue(vonage.refusal(refused, Service.VOICE, NOW).isEmpty());
    }

    @Test
    void describesItself() {
        assertEquals("vonage", vonage.name());
        assertEquals(java.util.Set.of(Service.VOICE, Service.SMS), vonage.services());
        assertEquals(List.of("application_id", "private_key", "signature_secret", "api_key", "api_secret"),
                vonage.requiredCredentials());
        assertEquals("https://api.nexmo.com", vonage.defaultBaseUrl());
        assertTrue(vonage.simulator() instanceof VonageSimulator);
    }

    @Test
    void pkcs1KeysAreRefusedWithAnExplanation() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> VonagePem.privateKey("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"));
        assertTrue(error.getMessage().contains("PKCS #8"));
        // a key pasted with literal \n escapes (environment variables) still reads
        String escaped = CREDENTIALS.get("private_key").replace("\n", "\\n");
        assertNotNull(VonagePem.privateKey(escaped));
    }
}
