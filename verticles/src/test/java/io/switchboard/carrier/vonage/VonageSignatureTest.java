package io.switchboard.carrier.vonage;

import static io.switchboard.carrier.vonage.VonageFixtures.CREDENTIALS;
import static io.switchboard.carrier.vonage.VonageFixtures.account;
import static io.switchboard.carrier.vonage.VonageFixtures.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.WebhookCheck;
import io.switchboard.carrier.vonage.VonageSmsSignature.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every Vonage vector of {@code signature-test-vectors.json} (vonage-java-sdk RequestSigningTest),
 * copied to {@code carrier/vonage/signature-vectors.json}, and the signed-webhook JWT.
 */
class VonageSignatureTest {

    private static final JsonNode VECTORS = CarrierTestSupport.json(VonageFixtures.resource("signature-vectors.json"))
            .get("vonage_sms_sig");
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String SECRET = CREDENTIALS.get("signature_secret");
    private static final String EVENT = "{\"status\":\"answered\",\"uuid\":\"63f61863\"}";
    private final VonageProvider vonage = new VonageProvider();

    private static Map<String, String> vectorParams() {
        Map<String, String> params = new TreeMap<>();
        VECTORS.get("params").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
        return params;
    }

    @Test
    void stringToSignMatchesTheVector() {
        assertEquals(VECTORS.get("string_to_sign").asText(), VonageSmsSignature.stringToSign(vectorParams()));
    }

    @Test
    void equalsAndAmpersandsInsideNamesAndValuesBecomeUnderscores() {
        Map<String, String> params = new TreeMap<>();
        params.put("a=b", "c&d=e");
        params.put("sig", "ignored");
        params.put("z", " ");
        assertEquals("&a_b=c_d_e", VonageSmsSignature.stringToSign(params));
    }

    @ParameterizedTest
    @CsvSource({"MD5HASH,md5", "MD5,hmac_md5", "SHA1,hmac_sha1", "SHA256,hmac_sha256", "SHA512,hmac_sha512"})
    void everyMethodMatchesItsVector(Method method, String vector) {
        assertEquals(VECTORS.get("expected").get(vector).asText(),
                VonageSmsSignature.sign(vectorParams(), VECTORS.get("secret").asText(), method));
    }

    @Test
    void blankValuesAreLeftOut() {
        Map<String, String> params = vectorParams();
        params.put("b", "");
        assertEquals(VECTORS.get("blank_b_md5").asText(), VonageSmsSignature.sign(params, "abcde", Method.MD5HASH));
    }

    @Test
    void vectorVerifiesAtItsTimestampAndNotOtherwise() {
        Map<String, String> params = vectorParams();
        params.put("sig", VECTORS.get("expected").get("hmac_sha256").asText().toUpperCase());
        Instant at = Instant.ofEpochSecond(2100);
        assertTrue(VonageSmsSignature.verify(params, "abcde", Method.SHA256, at.plusSeconds(299)).accepted());
        assertEquals(403, VonageSmsSignature.verify(params, "abcde", Method.SHA256, at.plusSeconds(301)).status());
        assertEquals(403, VonageSmsSignature.verify(params, "wrong", Method.SHA256, at).status());
        assertEquals(403, VonageSmsSignature.verify(params, "abcde", Method.SHA512, at).status());
        params.put("b", "apples");
        assertEquals(403, VonageSmsSignature.verify(params, "abcde", Method.SHA256, at).status());
    }

    @Test
    void unknownMethodIsAConfigurationError() {
        assertEquals(Method.SHA256, Method.of(" sha256 "));
        assertThrows(IllegalStateException.class, () -> Method.of("sha3"));
    }

    private Map<String, String> receipt(Instant at) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("msisdn", "442071838750");
        params.put("messageId", "0A0000001234567B");
        params.put("status", "delivered");
        params.put("err-code", "0");
        params.put("client-ref", "msg-456");
        params.put("timestamp", String.valueOf(at.getEpochSecond()));
        params.put("nonce", "ec11dd3e-1e7f-4db5-9467-82b02cd223b9");
        params.put("sig", VonageSmsSignature.sign(params, SECRET, Method.MD5HASH));
        return params;
    }

    @Test
    void deliveryReceiptSignedInJsonFormOrQueryIsVerified() {
        Map<String, String> params = receipt(NOW);
        StringBuilder json = new StringBuilder("{");
        params.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        json.append('}');
        assertTrue(vonage.verify(account(), webhook("POST", "/sms/msg-456", json.toString(),
                Map.of("Content-Type", "application/json")), NOW).accepted());
        FormBody form = new FormBody();
        params.forEach(form::add);
        assertTrue(vonage.verify(account(), webhook("POST", "/sms/msg-456", form.encode(),
                Map.of("Content-Type", FormBody.CONTENT_TYPE)), NOW).accepted());
        assertTrue(vonage.verify(account(), webhook("GET", "/sms/msg-456?" + form.encode(), "", Map.of()), NOW)
                .accepted());
    }

    @Test
    void deliveryReceiptNegatives() {
        Map<String, String> params = receipt(NOW);
        FormBody tampered = new FormBody();
        params.forEach((k, v) -> tampered.add(k, k.equals("status") ? "failed" : v));
        assertEquals(403, vonage.verify(account(), webhook("POST", "/sms/m", tampered.encode(),
                Map.of("Content-Type", FormBody.CONTENT_TYPE)), NOW).status());
        FormBody old = new FormBody();
        receipt(NOW.minusSeconds(600)).forEach(old::add);
        assertEquals(403, vonage.verify(account(), webhook("POST", "/sms/m", old.encode(),
                Map.of("Content-Type", FormBody.CONTENT_TYPE)), NOW).status());
        FormBody unsigned = new FormBody();
        params.forEach((k, v) -> unsigned.add(k, k.equals("sig") ? null : v));
        assertEquals(401, vonage.verify(account(), webhook("POST", "/sms/m", unsigned.encode(),
                Map.of("Content-Type", FormBody.CONTENT_TYPE)), NOW).status());
        FormBody sha = new FormBody();
        params.forEach(sha::add);
        assertEquals(403, vonage.verify(account(Map.of("sms_signature_method", "sha256")), webhook("POST", "/sms/m",
                sha.encode(), Map.of("Content-Type", FormBody.CONTENT_TYPE)), NOW).status());
    }

    private WebhookCheck voice(String authorization, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return vonage.verify(account(), webhook("POST", "/voice/call-123", body, headers), NOW);
    }

    private static String bearer(byte[] body, String secret, Instant iat) {
        return VonageWebhookJwt.bearer(body, secret, "abcd1234", "app", iat, "jti-1");
    }

    @Test
    void signedVoiceEventIsAccepted() {
        byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
        WebhookCheck check = voice(bearer(body, SECRET, NOW.minusSeconds(2)), EVENT);
        assertTrue(check.accepted(), check.reason());
    }

    @Test
    void voiceEventNegatives() throws Exception {
        byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
        assertEquals(401, voice(null, EVENT).status());
        assertEquals(401, voice("Basic abc", EVENT).status());
        assertEquals(401, voice("Bearer not.a.jwt", EVENT).status());
        String none = new PlainJWT(new JWTClaimsSet.Builder().issueTime(Date.from(NOW)).build()).serialize();
        assertEquals(401, voice("Bearer " + none, EVENT).status());

        assertEquals(403, voice(bearer(body, "another-secret-another-secret-another-secret", NOW), EVENT).status());
        WebhookCheck tampered = voice(bearer(body, SECRET, NOW), EVENT.replace("answered", "completed"));
        assertFalse(tampered.accepted());
        assertEquals(403, tampered.status());
        assertTrue(tampered.reason().contains("payload_hash"));
        assertEquals(403, voice(bearer(body, SECRET, NOW.minusSeconds(301)), EVENT).status());

        SignedJWT expired = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.minusSeconds(1))).build());
        expired.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertEquals(403, voice("Bearer " + expired.serialize(), EVENT).status());
        SignedJWT noIat = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().build());
        noIat.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertEquals(401, voice("Bearer " + noIat.serialize(), EVENT).status());
    }
}
