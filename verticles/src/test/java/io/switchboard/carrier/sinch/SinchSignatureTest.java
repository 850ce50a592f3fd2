package io.switchboard.carrier.sinch;

import static io.switchboard.carrier.sinch.SinchFixtures.account;
import static io.switchboard.carrier.sinch.SinchFixtures.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.WebhookCheck;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Sinch vector of {@code signature-test-vectors.json} (sinch-sdk-java
 * ApplicationAuthManagerTest and HmacAuthenticationValidationTest), copied to
 * {@code carrier/sinch/signature-vectors.json}, with their negatives.
 */
class SinchSignatureTest {

    private static final JsonNode VECTORS = CarrierTestSupport.json(SinchFixtures.resource("signature-vectors.json"));
    private static final JsonNode APP = VECTORS.get("sinch_application_signed_request");
    private static final JsonNode HMAC = VECTORS.get("sinch_webhook_hmac");
    private final SinchProvider sinch = new SinchProvider();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void applicationSignatureMatchesTheVector() {
        assertEquals(APP.get("expected_authorization").asText(), SinchApplicationSignature.authorization(
                APP.get("key").asText(), APP.get("secret_b64").asText(), APP.get("method").asText(),
                bytes(APP.get("body").asText()), APP.get("content_type").asText(), APP.get("x_timestamp").asText(),
                APP.get("path").asText()));
    }

    @Test
    void emptyBodySignsAnEmptyHashLine() {
        assertEquals("GET\n\n\nx-timestamp:t\n/p", SinchApplicationSignature.stringToSign("GET", new byte[0], null, "t", "/p"));
    }

    private Map<String, String> appHeaders(String authorization, String timestamp) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", APP.get("content_type").asText());
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (timestamp != null) {
            headers.put("x-timestamp", timestamp);
        }
        return headers;
    }

    private WebhookCheck voice(Map<String, String> headers, String body, Instant now, String secret) {
        Map<String, String> credentials = SinchFixtures.credentials();
        credentials.put("application_secret", secret);
        var account = new io.switchboard.carrier.CarrierAccount("s", "sinch", SinchProvider.VOICE_BASE_URL, credentials,
                Map.of(), SinchFixtures.WEBHOOK_BASE);
        return sinch.verify(account, webhook("https://example.com" + APP.get("path").asText(), "/voice", body, headers),
                now);
    }

    @Test
    void vectorVerifiesAsACallback() {
        Instant at = Instant.parse(APP.get("x_timestamp").asText());
        WebhookCheck check = voice(appHeaders(APP.get("expected_authorization").asText(), APP.get("x_timestamp").asText()),
                APP.get("body").asText(), at.plusSeconds(10), APP.get("secret_b64").asText());
        assertTrue(check.accepted(), check.reason());
    }

    @Test
    void applicationNegatives() {
        String auth = APP.get("expected_authorization").asText();
        String ts = APP.get("x_timestamp").asText();
        String body = APP.get("body").asText();
        String secret = APP.get("secret_b64").asText();
        Instant at = Instant.parse(ts);
        assertEquals(401, voice(appHeaders(null, ts), body, at, secret).status());
        assertEquals(401, voice(appHeaders(auth, null), body, at, secret).status());
        assertEquals(401, voice(appHeaders("Basic abc", ts), body, at, secret).status());
        assertEquals(401, voice(appHeaders(auth, "yesterday"), body, at, secret).status());
        WebhookCheck tampered = voice(appHeaders(auth, ts), body.replace("sms", "callout"), at, secret);
        assertFalse(tampered.accepted());
        assertEquals(403, tampered.status());
        assertEquals(403, voice(appHeaders(auth, ts), body, at, "b3RoZXItc2VjcmV0").status());
        assertEquals(403, voice(appHeaders(auth.replace("my-key-id", "other-key"), ts), body, at, secret).status());
        assertEquals(403, voice(appHeaders(auth, ts), body, at.plusSeconds(301), secret).status());
        assertEquals(403, voice(appHeaders(auth, ts), body, at.minusSeconds(301), secret).status());
    }

    private Map<String, String> hmacHeaders(String signature, String timestamp, String algorithm) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (signature != null) {
            headers.put("x-sinch-webhook-signature", signature);
        }
        headers.put("x-sinch-webhook-signature-timestamp", timestamp);
        headers.put("x-sinch-webhook-signature-nonce", HMAC.get("nonce").asText());
        headers.put("x-sinch-webhook-signature-algorithm", algorithm);
        return headers;
    }

    private WebhookCheck sms(Map<String, String> headers, String body, Instant now) {
        return sinch.verify(account(), webhook(SinchFixtures.WEBHOOK_BASE + "/sms/msg-1", "/sms/msg-1", body, headers), now);
    }

    @Test
    void webhookHmacMatchesTheVector() {
        assertEquals(HMAC.get("expected").asText(), SinchWebhookHmac.sign(HMAC.get("secret").asText(),
                bytes(HMAC.get("body").asText()), HMAC.get("nonce").asText(), HMAC.get("timestamp").asText(),
                HMAC.get("algorithm_header").asText()));
        Instant at = Instant.ofEpochSecond(HMAC.get("timestamp").asLong());
        WebhookCheck check = sms(hmacHeaders(HMAC.get("expected").asText(), HMAC.get("timestamp").asText(),
                "HmacSHA256"), HMAC.get("body").asText(), at.plusSeconds(5));
        assertTrue(check.accepted(), check.reason());
    }

    @Test
    void webhookHmacNegatives() {
        String sig = HMAC.get("expected").asText();
        String ts = HMAC.get("timestamp").asText();
        String body = HMAC.get("body").asText();
        Instant at = Instant.ofEpochSecond(Long.parseLong(ts));
        assertEquals(401, sms(hmacHeaders(null, ts, "HmacSHA256"), body, at).status());
        assertEquals(401, sms(hmacHeaders(sig, ts, "HmacMD5"), body, at).status());
        assertEquals(401, sms(hmacHeaders(sig, "not-a-number", "HmacSHA256"), body, at).status());
        assertEquals(403, sms(hmacHeaders(sig, ts, "HmacSHA256"), body.replace("New Test", "Old Test"), at).status());
        assertEquals(403, sms(hmacHeaders(sig, ts, "HmacSHA256"), body, at.plusSeconds(301)).status());
        assertEquals(403, sms(hmacHeaders(sig, ts, "HmacSHA512"), body, at).status());
        Map<String, String> otherSecret = SinchFixtures.credentials();
        otherSecret.put("webhook_secret", "another");
        var account = new io.switchboard.carrier.CarrierAccount("s", "sinch", SinchProvider.VOICE_BASE_URL, otherSecret,
                Map.of(), SinchFixtures.WEBHOOK_BASE);
        assertEquals(403, sinch.verify(account, webhook(SinchFixtures.WEBHOOK_BASE + "/sms/m", "/sms/m", body,
                hmacHeaders(sig, ts, "HmacSHA256")), at).status());
    }
}
