package io.switchboard.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzz of {@code POST /v1/calls} and {@code POST /v1/messages} (jqwik): bodies mixing
 * the endpoints' fields with wrong types, hostile text, unknown fields and raw garbage. Properties:
 * no answer is a 5xx; every 4xx carries a TEL code; and rejected input changes nothing: at the end,
 * the tenant's stored calls and messages are exactly those the API accepted (201) or recorded as
 * failed routing (TEL-002, TEL-601, TEL-006 with {@code details.call_id}).
 */
class CallApiFuzzProperties {

    private static final Set<String> RECORDED_FAILURES = Set.of("TEL-002", "TEL-601", "TEL-006");
    private static SecuredNode node;
    private static Path dataDir;
    private static final AtomicLong ACCEPTED = new AtomicLong();

    @BeforeContainer
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("fuzz");
        node = SecuredNode.start(dataDir, "fuzz");
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (node.storedRecords() < ACCEPTED.get() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(500);
            assertEquals(ACCEPTED.get(), node.storedRecords(),
                    "stored calls and messages equal those accepted: rejected input stored nothing");
        } finally {
            node.close();
        }
    }

    @Property(tries = 150)
    void callBodiesNeverBreakTheServer(@ForAll("callBodies") String body) throws Exception {
        check(node.send("POST", "/v1/calls", body), body);
    }

    @Property(tries = 100)
    void messageBodiesNeverBreakTheServer(@ForAll("messageBodies") String body) throws Exception {
        check(node.send("POST", "/v1/messages", body), body);
    }

    private static void check(HttpResponse<String> response, String body) {
        assertTrue(response.statusCode() < 500, body + " -> " + response.statusCode() + " " + response.body());
        if (response.statusCode() == 201) {
            ACCEPTED.incrementAndGet();
            return;
        }
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertTrue(error.getString("code").startsWith("TEL-"), response.body());
        if (RECORDED_FAILURES.contains(error.getString("code"))) {
            assertTrue(error.getJsonObject("details").containsKey("call_id"), response.body());
            ACCEPTED.incrementAndGet();
        }
    }

    @Provide
    Arbitrary<String> callBodies() {
        return Arbitraries.oneOf(structured(Set.of("to", "from", "caller_name", "timeout", "record", "status_callback",
                "metadata")), garbage());
    }

    @Provide
    Arbitrary<String> messageBodies() {
        return Arbitraries.oneOf(structured(Set.of("to", "from", "body", "status_callback", "metadata")), garbage());
    }

    private static Arbitrary<String> structured(Set<String> fields) {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(fields.toArray(String[]::new)),
                Arbitraries.of("tenant_id", "cost", "state", "id", "__proto__", ""));
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.of("+442071838750", "+442079460000", "+15555550100", "+1555", "", "https://example.com/h",
                        "ftp://x", "' OR 1=1 --", "\r\n", "\u0000").map(v -> (Object) v),
                Arbitraries.strings().ofMaxLength(80).map(v -> (Object) v),
                Arbitraries.integers().between(-5, 1_000).map(v -> (Object) v),
                Arbitraries.doubles().map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v),
                Arbitraries.just((Object) null),
                Arbitraries.just((Object) new JsonObject().put("k", "v")),
                Arbitraries.just((Object) new io.vertx.core.json.JsonArray().add(1)));
        Arbitrary<JsonObject> base = Combinators.combine(Arbitraries.of("+442071838750", "+4420"),
                Arbitraries.of("+442079460000", "not a number")).as((to, from) -> new JsonObject().put("to", to).put("from", from));
        return Combinators.combine(base, names.list().ofMaxSize(4), values.list().ofSize(4))
                .as((object, keys, vals) -> {
                    for (int i = 0; i < keys.size(); i++) {
                        object.put(keys.get(i), vals.get(i));
                    }
                    return object.encode();
                });
    }

    private static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("{", "[]", "null", "{\"to\":}", "{\"to\":\"+442071838750\",}", "\"text\"", "1e999999"));
    }
}
