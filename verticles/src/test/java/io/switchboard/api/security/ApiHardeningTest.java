package io.switchboard.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against a real node: injection in every string field and query parameter (SQL,
 * header, CRLF), oversized and deeply nested JSON, unknown fields and numbers that are not E.164.
 * Every answer is a 4xx with a TEL code (or a 2xx that treats the text as data), never a 5xx, and
 * filters never widen into other rows.
 */
class ApiHardeningTest {

    private static final String LONDON = "+442071838750";
    private static final String CALLER = "+442079460000";
    private static final List<String> HOSTILE = List.of(
            "' OR '1'='1", "'; DROP TABLE calls; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)", "%' OR 1=1 --",
            "\r\nX-Injected: yes", "a\u0000b", "${jndi:ldap://x}", "<script>alert(1)</script>", "../../etc/passwd",
            "\\u0000", "+44' OR 1=1", "🙂".repeat(20), "x".repeat(5_000));

    @TempDir
    static Path dataDir;
    private static SecuredNode node;

    @BeforeAll
    static void start() throws Exception {
        node = SecuredNode.start(dataDir, "hardening");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void hostileStringsInEveryBodyFieldAreRefusedOrStoredAsData() throws Exception {
        for (String hostile : HOSTILE) {
            for (String field : List.of("to", "from", "caller_name", "status_callback")) {
                JsonObject call = new JsonObject().put("to", LONDON).put("from", CALLER).put(field, hostile);
                assertClientError(node.send("POST", "/v1/calls", call.encode()), "calls." + field + " = " + hostile);
            }
            JsonObject metadata = new JsonObject().put("to", LONDON).put("from", CALLER)
                    .put("metadata", new JsonObject().put("note", hostile));
            HttpResponse<String> withMetadata = node.send("POST", "/v1/calls", metadata.encode());
            assertTrue(withMetadata.statusCode() < 500, withMetadata.body());
            if (withMetadata.statusCode() == 201) {
                String id = new JsonObject(withMetadata.body()).getString("id");
                JsonObject read = new JsonObject(node.send("GET", "/v1/calls/" + id, null).body());
                assertEquals(hostile, read.getJsonObject("metadata").getString("note"), "metadata is stored verbatim");
            }
            JsonObject message = new JsonObject().put("to", LONDON).put("from", CALLER).put("body", hostile);
            HttpResponse<String> sms = node.send("POST", "/v1/messages", message.encode());
            assertTrue(sms.statusCode() < 500, sms.body());
        }
    }

    @Test
    void hostileQueryParametersNeverWidenAFilterOrFailTheServer() throws Exception {
        HttpResponse<String> placed = node.send("POST", "/v1/calls", new JsonObject().put("to", LONDON).put("from", CALLER).encode());
        assertEquals(201, placed.statusCode(), placed.body());
        List<String> endpoints = List.of("/v1/cdrs?carrier=", "/v1/cdrs?state=", "/v1/cdrs?prefix=", "/v1/cdrs?from=",
                "/v1/cdrs?starting_after=", "/v1/calls?state=", "/v1/calls?carrier=", "/v1/calls?to=", "/v1/calls?limit=",
                "/v1/costs?group_by=", "/v1/usage?from=", "/v1/webhooks/deliveries?state=", "/v1/routes?to=",
                "/v1/decks?carrier=", "/v1/keys?starting_after=", "/v1/calls/", "/v1/messages/", "/v1/tenants/");
        for (String endpoint : endpoints) {
            for (String hostile : HOSTILE) {
                String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8).replace("+", "%20");
                HttpResponse<String> response = node.sendAlone("GET", endpoint + encoded, null);
                assertTrue(response.statusCode() < 500, endpoint + hostile + " -> " + response.statusCode() + " " + response.body());
                assertFalse(response.headers().map().containsKey("x-injected"), "no header injection through " + endpoint);
                if (response.statusCode() == 200 && endpoint.startsWith("/v1/cdrs")) {
                    assertEquals(0, new JsonObject(response.body()).getJsonArray("data", new JsonArray()).size(),
                            "a hostile filter matches nothing: " + endpoint + hostile + " " + response.body());
                }
                if (response.statusCode() >= 400 && response.body().isEmpty()) {
                    // refused by the HTTP layer itself before routing (request line too long)
                    assertTrue(Set.of(414, 431).contains(response.statusCode()), endpoint + " -> " + response.statusCode());
                } else if (response.statusCode() >= 400) {
                    assertTrue(new JsonObject(response.body()).getJsonObject("error").getString("code").startsWith("TEL-"),
                            endpoint + hostile + " -> " + response.body());
                }
            }
        }
    }

    @Test
    void crlfInTheRequestLineOrHeadersInjectsNothing() throws Exception {
        String raw = "GET /v1/calls/abc%0d%0aX-Injected:%20yes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + node.key + "\r\nX-Request-Id: abc%0d%0aX-Injected: yes\r\nConnection: close\r\n\r\n";
        String answer = rawExchange(raw);
        assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 404"), answer);
        assertFalse(answer.toLowerCase().contains("\r\nx-injected"), answer);
        assertFalse(answer.contains("X-Request-Id: abc%0d%0a"), "an unsafe request id is replaced, not echoed");
    }

    @Test
    void oversizedAndDeeplyNestedBodiesAreRefused() throws Exception {
        HttpResponse<String> big = node.sendAlone("POST", "/v1/calls", "{\"to\":\"" + "9".repeat(70_000) + "\"}");
        assertEquals(413, big.statusCode());
        assertEquals("TEL-011", code(big));
        String deep = "{\"to\":\"" + LONDON + "\",\"from\":\"" + CALLER + "\",\"metadata\":" + "{\"a\":".repeat(3_000)
                + "1" + "}".repeat(3_000) + "}";
        HttpResponse<String> nested = node.send("POST", "/v1/calls", deep);
        assertEquals(400, nested.statusCode(), nested.body());
        assertEquals("TEL-011", code(nested));
        HttpResponse<String> array = node.send("POST", "/v1/messages", "[".repeat(20_000) + "]".repeat(20_000));
        assertEquals(400, array.statusCode(), array.body());
        assertEquals("TEL-011", code(array));
    }

    @Test
    void unknownFieldsWrongTypesAndNumbersThatAreNotE164AreNamed() throws Exception {
        HttpResponse<String> unknown = node.send("POST", "/v1/calls", new JsonObject().put("to", LONDON).put("from", CALLER)
                .put("tenant_id", "00000000-0000-0000-0000-000000000001").encode());
        assertEquals("TEL-011", code(unknown), "a body cannot choose its tenant");
        assertEquals("tenant_id", field(unknown));
        for (String number : List.of("+1555", "442071838750", "+44 20 7183 8750 ext 9", "+999999999999999", "tel:+44")) {
            HttpResponse<String> bad = node.send("POST", "/v1/calls", new JsonObject().put("to", number).put("from", CALLER).encode());
            assertTrue(Set.of("TEL-001", "TEL-011").contains(code(bad)), number + " -> " + bad.body());
            assertEquals("to", field(bad), number);
        }
        HttpResponse<String> type = node.send("POST", "/v1/calls", new JsonObject().put("to", LONDON).put("from", CALLER)
                .put("timeout", "thirty").encode());
        assertEquals("TEL-011", code(type));
        assertEquals("timeout", field(type));
        HttpResponse<String> notJson = node.send("POST", "/v1/calls", "to=+442071838750");
        assertEquals("TEL-011", code(notJson));
    }

    private static void assertClientError(HttpResponse<String> response, String what) {
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500 || response.statusCode() == 201,
                what + " -> " + response.statusCode() + " " + response.body());
        if (response.statusCode() >= 400) {
            assertTrue(code(response).startsWith("TEL-"), response.body());
        }
    }

    private static String code(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("code");
    }

    private static String field(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getJsonObject("details").getString("field");
    }

    private static String rawExchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.node.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
