package io.switchboard.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.contract.model.E164;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers shared by the carrier adapters' tests: webhooks, simulator plumbing, fixtures. */
public final class CarrierTestSupport {

    /** The sender address of test webhooks. */
    public static final String REMOTE_ADDRESS = "127.0.0.1";

    private CarrierTestSupport() {
    }

    /**
     * @param request a request a simulator (or a test) sent to {@code webhookBase + path[?query]}
     * @param webhookBase the account's webhook base URL
     * @return it as the webhook ingress hands it to the provider: the path after {@code webhookBase}
     *     without the query (empty when the URL is elsewhere), headers and body as sent
     */
    public static InboundWebhook inbound(CarrierHttpRequest request, String webhookBase) {
        String url = request.url();
        String path = url.startsWith(webhookBase) ? url.substring(webhookBase.length()).split("\\?", 2)[0] : "";
        return new InboundWebhook(request.method(), url, path, request.headers(), request.body(), REMOTE_ADDRESS);
    }

    /**
     * @param webhookBase the account's webhook base URL
     * @param path the path after it, optionally with a query
     * @return a webhook {@code method webhookBase + path} with the headers and UTF-8 body given
     */
    public static InboundWebhook webhook(String method, String webhookBase, String path, Map<String, String> headers,
                                         String body) {
        return new InboundWebhook(method, webhookBase + path, path.split("\\?", 2)[0], headers,
                body.getBytes(StandardCharsets.UTF_8), REMOTE_ADDRESS);
    }

    /** @return the request as a sandbox simulator receives it: path and query only, no scheme or host */
    public static CarrierHttpRequest relative(CarrierHttpRequest request) {
        String url = request.url().replaceFirst("^https?://[^/]+", "");
        return new CarrierHttpRequest(request.method(), url, request.headers(), request.body());
    }

    /** @return the request with another body (same method, URL and headers) */
    public static CarrierHttpRequest withBody(CarrierHttpRequest request, byte[] body) {
        return new CarrierHttpRequest(request.method(), request.url(), request.headers(), body);
    }

    /**
     * The call of the tests that dial abroad (Bandwidth, Sinch, Vonage): {@code call-123}, first
     * attempt, to +442071838750 (London) from +14155550100, no caller name, 25 s ring, not recorded.
     */
    public static OutboundCall londonCall() {
        return new OutboundCall("call-123", 1, E164.parse("+442071838750"), E164.parse("+14155550100"), null, 25, false);
    }

    /** The message of the same tests: {@code msg-456}, first attempt, {@code Hello} to +442071838750 from +14155550100. */
    public static OutboundMessage londonMessage() {
        return new OutboundMessage("msg-456", 1, E164.parse("+442071838750"), E164.parse("+14155550100"), "Hello");
    }

    /**
     * A call of the tests that dial within the US (Plivo, Telnyx): {@code call_01HX} to
     * +14155550100 from +16502530000, not recorded.
     *
     * @param sequence the attempt, from 1
     * @param ringTimeoutS ring timeout, s
     */
    public static OutboundCall usCall(int sequence, String callerName, int ringTimeoutS) {
        return new OutboundCall("call_01HX", sequence, E164.parse("to", "+14155550100"), E164.parse("from", "+16502530000"),
                callerName, ringTimeoutS, false);
    }

    /** The message of the same tests: {@code msg_01HX}, first attempt, {@code Your code is 123456}. */
    public static OutboundMessage usMessage() {
        return new OutboundMessage("msg_01HX", 1, E164.parse("to", "+14155550100"), E164.parse("from", "+16502530000"),
                "Your code is 123456");
    }

    /**
     * @param fields a decoded form, names to values in order
     * @param name the field to change
     * @param value its new value (every value of it is replaced), or null to leave the field out
     * @return the form again, with that one field changed
     */
    public static FormBody formWith(Map<String, List<String>> fields, String name, String value) {
        FormBody form = new FormBody();
        fields.forEach((field, values) -> values.forEach(original -> {
            if (!field.equals(name)) {
                form.add(field, original);
            } else if (value != null) {
                form.add(field, value);
            }
        }));
        return form;
    }

    /**
     * Has the simulator answer {@code new SimError(kind, "detail of " + kind)} and the provider
     * classify that answer, then asserts what every provider keeps of it: the status, the detail
     * as the message, and retryable exactly for rate limiting and server errors.
     *
     * @param retryAfterS the {@code Retry-After} added to a 429, in seconds, as the sandbox engine adds it
     * @return the provider's classification, for the provider-specific checks
     */
    public static CarrierFailure simulatedFailure(CarrierProvider provider, ProviderSimulator simulator,
                                                  SimError.Kind kind, int retryAfterS, Instant now) {
        CarrierHttpResponse response = simulator.error(new SimError(kind, "detail of " + kind));
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        if (kind == SimError.Kind.RATE_LIMITED) {
            headers.put("Retry-After", List.of(String.valueOf(retryAfterS)));
        }
        CarrierFailure failure = provider.failure(new CarrierHttpResponse(response.status(), headers, response.body()), now);
        assertEquals(kind.status(), failure.httpStatus());
        assertEquals("detail of " + kind, failure.message());
        assertEquals(kind == SimError.Kind.RATE_LIMITED || kind == SimError.Kind.SERVER_ERROR, failure.retryable());
        return failure;
    }

    /** Asserts that the simulator sent exactly one webhook, a POST, for a step, and returns it. */
    public static CarrierHttpRequest onlyCallback(List<CarrierHttpRequest> callbacks) {
        assertEquals(1, callbacks.size());
        CarrierHttpRequest callback = callbacks.get(0);
        assertEquals("POST", callback.method());
        return callback;
    }

    /**
     * Asserts that a webhook mapped to exactly one event, of {@code id} and the simulator's
     * carrier id of {@code call}, and returns it.
     *
     * @param id the Switchboard call or message id the event must carry
     */
    public static CarrierEvent onlyEvent(WebhookMapping mapping, String id, SimCall call) {
        List<CarrierEvent> events = mapping.events();
        assertEquals(1, events.size());
        CarrierEvent event = events.get(0);
        assertEquals(id, event.id());
        assertEquals(call.id(), event.carrierCallId());
        return event;
    }

    /**
     * @param request a place-call or send-message request an adapter built
     * @param account the sandbox account's credentials
     * @return what the simulator keeps when it accepts the request ({@link #accepted}), read as the
     *     sandbox receives it ({@link #relative}); the operation is not checked for an error
     */
    public static SimCall simulated(ProviderSimulator simulator, SecureRandom random, CarrierHttpRequest request,
                                    Map<String, String> account, boolean message, Instant createdAt) {
        SimOperation operation = simulator.read(relative(request), account);
        return accepted(simulator, random, operation, message, createdAt);
    }

    /** @return the request with {@code body} as its JSON body, as the sandbox receives it ({@link #relative}) */
    public static CarrierHttpRequest relativeWithJson(CarrierHttpRequest request, JsonNode body) {
        return relative(withBody(request, CarrierJson.bytes(body)));
    }

    /**
     * @param simulator the simulator that read the request
     * @param operation what it read from a place-call or send-message request
     * @param message whether it is a message
     * @param createdAt when the simulator accepted it
     * @return the call or message the simulator keeps for it: a new carrier id, status {@code queued}
     */
    public static SimCall accepted(ProviderSimulator simulator, SecureRandom random, SimOperation operation,
                                   boolean message, Instant createdAt) {
        return new SimCall(simulator.newId(random, message), message, operation.to(), operation.from(),
                operation.text(), operation.callbacks(), operation.reference(), "queued", createdAt, null, null);
    }

    /**
     * Asserts that the provider accepts the webhook, then maps it.
     *
     * @return the provider's mapping of {@code webhook} at {@code now}
     */
    public static WebhookMapping mapVerified(CarrierProvider provider, CarrierAccount account, InboundWebhook webhook,
                                             Instant now) {
        WebhookCheck check = provider.verify(account, webhook, now);
        assertTrue(check.accepted(), check.reason());
        return provider.map(webhook, now);
    }

    /**
     * @param headers alternating names and values
     * @return a carrier response with the status, headers and UTF-8 body given
     */
    public static CarrierHttpResponse response(int status, String body, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new CarrierHttpResponse(status, map, body.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the body parsed as JSON ({@link CarrierJson#read}) */
    public static JsonNode json(byte[] body) {
        return CarrierJson.read(body);
    }

    /** @return the body parsed as JSON */
    public static JsonNode json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param carrier the provider name, the folder under {@code src/test/resources/carrier/}
     * @param name the file's name in it
     * @return the test resource {@code /carrier/<carrier>/<name>} as UTF-8 text
     * @throws IllegalStateException when there is no such resource
     */
    public static String resource(String carrier, String name) {
        String path = "/carrier/" + carrier + "/" + name;
        try (InputStream in = CarrierTestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
