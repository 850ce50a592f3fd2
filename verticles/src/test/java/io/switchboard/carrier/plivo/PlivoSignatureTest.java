package io.switchboard.carrier.plivo;

import static io.switchboard.carrier.plivo.PlivoTestSupport.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookCheck;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every Plivo vector of signature-vectors.json (V2 official, V3 self-generated), and what must be refused. */
class PlivoSignatureTest {

    private static final JsonNode VECTORS = CarrierTestSupport.json(PlivoTestSupport.resource("signature-vectors.json")
            .getBytes(StandardCharsets.UTF_8));
    private static final JsonNode V3 = VECTORS.get("plivo_v3");
    private static final String TOKEN = V3.get("auth_token").asText();
    private static final String NONCE = V3.get("nonce").asText();
    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

    private final PlivoProvider provider = new PlivoProvider();

    @Test
    void everyV3VectorGivesItsStringToSignAndSignature() {
        assertEquals(4, V3.get("cases").size());
        for (JsonNode vector : V3.get("cases")) {
            String method = vector.get("method").asText();
            String url = vector.get("url").asText();
            String stringToSign = PlivoSignature.stringToSign(method, url, params(vector.get("params")));
            assertEquals(vector.get("string_to_sign").asText(), stringToSign + "." + NONCE, url);
            assertEquals(vector.get("expected").asText(), PlivoSignature.sign(TOKEN, stringToSign, NONCE), url);
        }
    }

    @Test
    void everyV3VectorVerifiesAsAWebhook() {
        for (JsonNode vector : V3.get("cases")) {
            InboundWebhook webhook = webhook(vector, vector.get("expected").asText(), NONCE);
            WebhookCheck check = provider.verify(account(), webhook, NOW);
            assertTrue(check.accepted(), vector.get("url").asText() + ": " + check.reason());
        }
    }

    @Test
    void everyOfficialV2VectorMatches() {
        JsonNode v2 = VECTORS.get("plivo_v2");
        assertEquals(3, v2.get("cases").size());
        for (JsonNode vector : v2.get("cases")) {
            assertEquals(vector.get("expected").asText(), PlivoSignature.v2(vector.get("auth_token").asText(),
                    vector.get("url").asText(), vector.get("nonce").asText()), vector.get("url").asText());
        }
    }

    @Test
    void anyOfSeveralCommaSeparatedSignaturesMayMatch() {
        JsonNode vector = V3.get("cases").get(0);
        String rotated = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=, " + vector.get("expected").asText();
        assertTrue(provider.verify(account(), webhook(vector, rotated, NONCE), NOW).accepted());
    }

    @Test
    void aTamperedBodyIsForbidden() {
        JsonNode vector = V3.get("cases").get(0);
        FormBody tampered = new FormBody().add("CallUUID", "a1b2").add("CallStatus", "busy").add("From", "14155551212")
                .add("To", "14155550000");
        InboundWebhook webhook = new InboundWebhook("POST", vector.get("url").asText(), "/hangup", headers(
                vector.get("expected").asText(), NONCE), tampered.bytes(), "127.0.0.1");
        WebhookCheck check = provider.verify(account(), webhook, NOW);
        assertFalse(check.accepted());
        assertEquals(403, check.status());
    }

    @Test
    void anotherTokenOrNonceIsForbidden() {
        JsonNode vector = V3.get("cases").get(0);
        InboundWebhook webhook = webhook(vector, vector.get("expected").asText(), NONCE);
        assertEquals(403, provider.verify(PlivoTestSupport.account(Map.of("auth_id", "MA1", "auth_token", "other")),
                webhook, NOW).status());
        assertEquals(403, provider.verify(account(), webhook(vector, vector.get("expected").asText(), "1"), NOW)
                .status());
    }

    @Test
    void missingHeadersAreUnauthorized() {
        JsonNode vector = V3.get("cases").get(0);
        assertEquals(401, provider.verify(account(), webhook(vector, null, NONCE), NOW).status());
        assertEquals(401, provider.verify(account(), webhook(vector, vector.get("expected").asText(), null), NOW)
                .status());
        assertEquals(401, provider.verify(account(), webhook(vector, " ", " "), NOW).status());
    }

    @Test
    void aUrlWithAPortIsAlsoCheckedWithoutIt() {
        assertEquals(Set.of("https://sb.example.com:8443/hook?a=1", "https://sb.example.com/hook?a=1"),
                PlivoSignature.urlForms("https://sb.example.com:8443/hook?a=1"));
        assertEquals(Set.of("https://sb.example.com/hook"), PlivoSignature.urlForms("https://sb.example.com/hook"));
        Map<String, List<String>> params = Map.of("CallUUID", List.of("x"));
        String javaForm = PlivoSignature.sign(TOKEN, PlivoSignature.stringToSign("POST", "https://sb.example.com/h",
                params), NONCE);
        InboundWebhook withPort = new InboundWebhook("POST", "https://sb.example.com:8443/h", "/h",
                headers(javaForm, NONCE), new FormBody().add("CallUUID", "x").bytes(), "127.0.0.1");
        assertTrue(provider.verify(account(), withPort, NOW).accepted());
    }

    @Test
    void repeatedAndEncodedValuesAreSignedDecodedAndSorted() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("b", List.of("2", "1"));
        params.put("a", List.of("x y"));
        assertEquals("https://e.com/p?q=1.ax yb1b2", PlivoSignature.stringToSign("POST", "https://e.com/p?q=1", params));
        assertEquals("https://e.com/p?a=x y&b=1&b=2&q=%", PlivoSignature.stringToSign("GET", "https://e.com/p?q=%25",
                params));
    }

    private static InboundWebhook webhook(JsonNode vector, String signature, String nonce) {
        String method = vector.get("method").asText();
        FormBody form = new FormBody();
        vector.get("params").fields().forEachRemaining(field -> form.add(field.getKey(), field.getValue().asText()));
        String url = vector.get("url").asText();
        if ("GET".equals(method)) {
            StringBuilder query = new StringBuilder(url);
            vector.get("params").fields().forEachRemaining(field -> query.append(query.indexOf("?") < 0 ? '?' : '&')
                    .append(field.getKey()).append('=').append(field.getValue().asText()));
            url = query.toString();
        }
        byte[] body = "GET".equals(method) ? new byte[0] : form.bytes();
        return new InboundWebhook(method, url, "/", headers(signature, nonce), body, "127.0.0.1");
    }

    private static Map<String, String> headers(String signature, String nonce) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", FormBody.CONTENT_TYPE);
        if (signature != null) {
            headers.put("X-Plivo-Signature-V3", signature);
        }
        if (nonce != null) {
            headers.put("X-Plivo-Signature-V3-Nonce", nonce);
        }
        return headers;
    }

    private static Map<String, List<String>> params(JsonNode params) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        params.fields().forEachRemaining(field -> out.computeIfAbsent(field.getKey(), k -> new ArrayList<>())
                .add(field.getValue().asText()));
        return out;
    }
}
