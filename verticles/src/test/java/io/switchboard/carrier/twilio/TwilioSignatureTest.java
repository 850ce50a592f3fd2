package io.switchboard.carrier.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookCheck;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * X-Twilio-Signature against every Twilio vector of the official SDKs' tests
 * ({@code carrier/twilio/signature-vectors.json}), and the refusals.
 */
class TwilioSignatureTest {

    private static final JsonObject VECTORS = new JsonObject(TwilioFixtures.resource("signature-vectors.json"));
    private static final String TOKEN = VECTORS.getString("auth_token");
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final TwilioProvider twilio = new TwilioProvider();

    static Stream<JsonObject> vectors() {
        return VECTORS.getJsonArray("cases").stream().map(JsonObject.class::cast);
    }

    @Test
    void fixtureHoldsEveryTwilioVector() {
        assertEquals(7, VECTORS.getJsonArray("cases").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void computesTheVectorsSignature(JsonObject vector) {
        assertEquals(vector.getString("expected"), TwilioSignature.compute(TOKEN, vector.getString("url"), params(vector)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void acceptsTheVectorAsAWebhook(JsonObject vector) {
        InboundWebhook webhook = webhook(vector, vector.getString("url"), vector.getString("expected"));

        assertEquals(WebhookCheck.ok(), twilio.verify(account(TOKEN), webhook, NOW));
    }

    @Test
    void acceptsASignatureOverTheUrlWithoutPortOrWithTheDefaultPort() {
        JsonObject base = vectors().findFirst().orElseThrow();
        String noPortSignature = base.getString("expected");
        String port443Signature = vectors().filter(v -> v.getString("url").contains(":443/")).findFirst().orElseThrow()
                .getString("expected");

        assertTrue(twilio.verify(account(TOKEN), webhook(base, "https://mycompany.com:443/myapp.php?foo=1&bar=2",
                noPortSignature), NOW).accepted());
        assertTrue(twilio.verify(account(TOKEN), webhook(base, base.getString("url"), port443Signature), NOW).accepted());
        // A custom port is stripped too: the signature over the bare URL validates (the SDKs' note).
        assertTrue(twilio.verify(account(TOKEN), webhook(base, "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
                noPortSignature), NOW).accepted());
        assertEquals("https://mycompany.com/p?q=1", TwilioSignature.withoutPort("https://mycompany.com:8443/p?q=1"));
        assertEquals("http://mycompany.com:80?q=1", TwilioSignature.withDefaultPort("http://mycompany.com?q=1"));
        assertEquals("https://u:p@h:443/p", TwilioSignature.withDefaultPort("https://u:p@h/p"));
    }

    @Test
    void tamperedParameterIsForbidden() {
        JsonObject base = vectors().findFirst().orElseThrow();
        JsonObject tampered = base.copy();
        tampered.getJsonArray("params").set(2, new JsonArray().add("Digits").add("9999"));

        WebhookCheck check = twilio.verify(account(TOKEN), webhook(tampered, base.getString("url"),
                base.getString("expected")), NOW);

        assertFalse(check.accepted());
        assertEquals(403, check.status());
    }

    @Test
    void addedParameterIsForbidden() {
        JsonObject base = vectors().findFirst().orElseThrow();
        JsonObject extended = base.copy();
        extended.getJsonArray("params").add(new JsonArray().add("CallStatus").add("completed"));

        assertEquals(403, twilio.verify(account(TOKEN), webhook(extended, base.getString("url"),
                base.getString("expected")), NOW).status());
    }

    @Test
    void wrongTokenIsForbidden() {
        JsonObject base = vectors().findFirst().orElseThrow();

        WebhookCheck check = twilio.verify(account("54321"), webhook(base, base.getString("url"),
                base.getString("expected")), NOW);

        assertEquals(403, check.status());
    }

    @Test
    void otherUrlIsForbidden() {
        JsonObject base = vectors().findFirst().orElseThrow();

        assertEquals(403, twilio.verify(account(TOKEN), webhook(base, "https://mycompany.com/myapp.php?foo=1&bar=3",
                base.getString("expected")), NOW).status());
    }

    @Test
    void missingHeaderIsUnauthorized() {
        JsonObject base = vectors().findFirst().orElseThrow();

        WebhookCheck check = twilio.verify(account(TOKEN), webhook(base, base.getString("url"), null), NOW);

        assertFalse(check.accepted());
        assertEquals(401, check.status());
    }

    @Test
    void jsonBodyThatDoesNotMatchBodySha256IsForbidden() {
        JsonObject json = vectors().filter(v -> v.containsKey("body")).findFirst().orElseThrow();
        JsonObject tampered = json.copy().put("body", "{\"property\": \"other\", \"boolean\": true}");

        assertEquals(403, twilio.verify(account(TOKEN), webhook(tampered, json.getString("url"),
                json.getString("expected")), NOW).status());
    }

    private static CarrierAccount account(String token) {
        return new CarrierAccount("twilio-test", "twilio", "https://api.twilio.com",
                Map.of("account_sid", TwilioFixtures.SID, "auth_token", token), Map.of(), "https://mycompany.com");
    }

    private static Map<String, List<String>> params(JsonObject vector) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Object pair : vector.getJsonArray("params")) {
            JsonArray entry = (JsonArray) pair;
            params.computeIfAbsent(entry.getString(0), k -> new ArrayList<>()).add(entry.getString(1));
        }
        return params;
    }

    /** @return the vector as the HTTP request Twilio sends: a form POST, or a JSON POST for body vectors */
    private static InboundWebhook webhook(JsonObject vector, String url, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        if (vector.containsKey("body")) {
            headers.put("Content-Type", "application/json");
            body = vector.getString("body").getBytes(StandardCharsets.UTF_8);
        } else {
            FormBody form = new FormBody();
            params(vector).forEach((name, values) -> values.forEach(value -> form.add(name, value)));
            headers.put("Content-Type", FormBody.CONTENT_TYPE);
            body = form.bytes();
        }
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        return new InboundWebhook("POST", url, "/myapp.php", headers, body, "203.0.113.7");
    }
}
