package io.switchboard.carrier.telnyx;

import static io.switchboard.carrier.telnyx.TelnyxTestSupport.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookCheck;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-generated Telnyx vector of signature-vectors.json, and what must be refused. */
class TelnyxSignatureTest {

    private static final JsonNode VECTOR = CarrierTestSupport.json(TelnyxTestSupport.resource("signature-vectors.json")
            .getBytes(StandardCharsets.UTF_8)).get("telnyx_ed25519");
    private static final String PUBLIC_KEY = VECTOR.get("public_key_b64").asText();
    private static final String TIMESTAMP = VECTOR.get("telnyx_timestamp").asText();
    private static final String BODY = VECTOR.get("raw_body").asText();
    private static final String SIGNATURE = VECTOR.get("telnyx_signature_ed25519").asText();
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

    private final TelnyxProvider provider = new TelnyxProvider();

    @Test
    void theVectorVerifies() {
        WebhookCheck check = provider.verify(account(), webhook(BODY, SIGNATURE, TIMESTAMP), SIGNED_AT.plusSeconds(5));
        assertTrue(check.accepted(), check.reason());
    }

    @Test
    void signingTheVectorBodyWithItsKeyGivesTheVectorSignature() {
        String privateKey = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(VECTOR.get("private_key_hex")
                .asText()));
        assertEquals(SIGNATURE, TelnyxSignature.sign(privateKey, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(VECTOR.get("public_key_hex").asText(),
                HexFormat.of().formatHex(Base64.getDecoder().decode(PUBLIC_KEY)));
    }

    @Test
    void aTamperedBodyIsForbidden() {
        String tampered = BODY.replace("normal_clearing", "user_busy");
        assertEquals(403, provider.verify(account(), webhook(tampered, SIGNATURE, TIMESTAMP), SIGNED_AT).status());
    }

    @Test
    void anotherKeyIsForbidden() {
        Map<String, String> other = new TelnyxSimulator().newAccount(new SecureRandom());
        Map<String, String> credentials = new HashMap<>(account().credentials());
        credentials.put("public_key", other.get("public_key"));
        WebhookCheck check = provider.verify(TelnyxTestSupport.account(credentials), webhook(BODY, SIGNATURE, TIMESTAMP),
                SIGNED_AT);
        assertFalse(check.accepted());
        assertEquals(403, check.status());
    }

    @Test
    void theTimestampIsPartOfTheSignedMessage() {
        String later = String.valueOf(SIGNED_AT.getEpochSecond() + 1);
        assertEquals(403, provider.verify(account(), webhook(BODY, SIGNATURE, later), SIGNED_AT).status());
    }

    @Test
    void aTimestampOutsideTheReplayWindowIsForbidden() {
        assertTrue(provider.verify(account(), webhook(BODY, SIGNATURE, TIMESTAMP), SIGNED_AT.plusSeconds(300)).accepted());
        WebhookCheck old = provider.verify(account(), webhook(BODY, SIGNATURE, TIMESTAMP), SIGNED_AT.plusSeconds(301));
        assertEquals(403, old.status());
        assertTrue(old.reason().contains("301 s"), old.reason());
        assertEquals(403, provider.verify(account(), webhook(BODY, SIGNATURE, TIMESTAMP), SIGNED_AT.minusSeconds(301))
                .status(), "a timestamp too far in the future");
    }

    @Test
    void missingOrUnreadableHeadersAreUnauthorized() {
        assertEquals(401, provider.verify(account(), webhook(BODY, null, TIMESTAMP), SIGNED_AT).status());
        assertEquals(401, provider.verify(account(), webhook(BODY, SIGNATURE, null), SIGNED_AT).status());
        assertEquals(401, provider.verify(account(), webhook(BODY, "", ""), SIGNED_AT).status());
        assertEquals(401, provider.verify(account(), webhook(BODY, "***", TIMESTAMP), SIGNED_AT).status());
        assertEquals(401, provider.verify(account(), webhook(BODY, SIGNATURE, "yesterday"), SIGNED_AT).status());
        assertEquals(401, provider.verify(account(), webhook(BODY, "c2hvcnQ=", TIMESTAMP), SIGNED_AT).status(),
                "a signature that is not 64 bytes");
    }

    @Test
    void aMisconfiguredPublicKeyIsAConfigurationError() {
        Map<String, String> credentials = new HashMap<>(account().credentials());
        credentials.put("public_key", "c2hvcnQ=");
        assertThrows(IllegalStateException.class, () -> provider.verify(TelnyxTestSupport.account(credentials),
                webhook(BODY, SIGNATURE, TIMESTAMP), SIGNED_AT));
    }

    private static InboundWebhook webhook(String body, String signature, String timestamp) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (signature != null) {
            headers.put("Telnyx-Signature-Ed25519", signature);
        }
        if (timestamp != null) {
            headers.put("telnyx-timestamp", timestamp);
        }
        return new InboundWebhook("POST", TelnyxTestSupport.WEBHOOK_BASE + "/voice/c1", "/voice/c1", headers,
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }
}
