package io.switchboard.carrier.telnyx;

import static io.switchboard.carrier.telnyx.TelnyxTestSupport.account;
import static io.switchboard.carrier.telnyx.TelnyxTestSupport.call;
import static io.switchboard.carrier.telnyx.TelnyxTestSupport.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every request TelnyxProvider builds, sent over HTTP to a local server that validates it with
 * vertx-openapi against the Telnyx OpenAPI 3.1 document; the simulator's responses and webhooks
 * are validated against it too. The document (team-telnyx/openapi, no licence) may not be copied
 * into the project, so this test runs only when the environment variable {@code TELNYX_OPENAPI}
 * names a copy of it (the voice and messaging subset); otherwise it is skipped.
 * the simulator's responses and webhooks are validated against the same document. A deliberately
 * broken request must be reported invalid, so the check can fail.
 */
class TelnyxOpenApiContractTest {

    /** The base URI the document's schemas are registered under (vertx-json-schema's default). */
    private static final String BASE = "app:///";
    private static final JsonSchemaOptions SCHEMA_OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
            .setBaseUri(BASE);
    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

    private static Vertx vertx;
    private static OpenAPIContract contract;
    private static ResponseValidator responses;
    private static SchemaRepository schemas;
    private static int port;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final TelnyxProvider provider = new TelnyxProvider();
    private final TelnyxSimulator simulator = new TelnyxSimulator();

    @BeforeAll
    static void startValidatingServer() throws Exception {
        String path = System.getenv("TELNYX_OPENAPI");
        org.junit.jupiter.api.Assumptions.assumeTrue(path != null && java.nio.file.Files.isRegularFile(
                java.nio.file.Path.of(path)), "TELNYX_OPENAPI names no file: the Telnyx document has no licence "
                + "and is not copied into the project (see the fixture README)");
        vertx = Vertx.vertx();
        JsonObject document = operationsWeUse(new JsonObject(java.nio.file.Files.readString(java.nio.file.Path.of(path))));
        contract = await(OpenAPIContract.from(vertx, document));
        RequestValidator requests = RequestValidator.create(vertx, contract);
        responses = ResponseValidator.create(vertx, contract);
        schemas = SchemaRepository.create(SCHEMA_OPTIONS);
        schemas.dereference(BASE, JsonSchema.of(document));
        HttpServer server = await(vertx.createHttpServer()
                .requestHandler(request -> requests.validate(request).onComplete(result -> request.response()
                        .setStatusCode(result.succeeded() ? 200 : 400)
                        .end(result.succeeded() ? "valid" : String.valueOf(result.cause().getMessage()))))
                .listen(0, "127.0.0.1"));
        port = server.actualPort();
    }

    /**
     * The document with only the paths and webhooks the adapter and simulator use (vertx-openapi
     * refuses the whole document for the TeXML operations' form bodies, which we do not use).
     */
    private static JsonObject operationsWeUse(JsonObject document) {
        java.util.Set<String> paths = java.util.Set.of("/calls", "/calls/{call_control_id}",
                "/calls/{call_control_id}/actions/hangup", "/messages", "/messages/{id}");
        java.util.Set<String> webhooks = java.util.Set.of("callInitiated", "callAnswered", "callHangup", "deliveryUpdate");
        JsonObject kept = new JsonObject();
        document.getJsonObject("paths").forEach(e -> {
            if (paths.contains(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            }
        });
        JsonObject hooks = new JsonObject();
        document.getJsonObject("webhooks", new JsonObject()).forEach(e -> {
            if (webhooks.contains(e.getKey())) {
                hooks.put(e.getKey(), e.getValue());
            }
        });
        return document.copy().put("paths", kept).put("webhooks", hooks);
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    @Test
    void theDocumentIsTheOpenApi31Subset() {
        assertEquals("3.1.0", contract.getRawContract().getString("openapi"));
        assertNotNull(contract.operation("DialCall"));
        assertNotNull(contract.operation("SendMessage"));
    }

    @Test
    void dialIsValid() throws Exception {
        assertValid(provider.placeCall(account(), call()));
    }

    @Test
    void dialWithRecordingAndWithoutNameIsValid() throws Exception {
        assertValid(provider.placeCall(account(), new OutboundCall("c-2", 3, call().to(), call().from(), null, 1, true)));
        assertValid(provider.placeCall(account(), new OutboundCall("c-2", 3, call().to(), call().from(), "x", 9999,
                false)));
    }

    @Test
    void sendMessageIsValid() throws Exception {
        assertValid(provider.sendMessage(account(), message()));
        CarrierAccount withProfile = new CarrierAccount("t", "telnyx", "https://api.telnyx.com", account().credentials(),
                Map.of("messaging_profile_id", "4000eba1-a0c0-4563-9925-b25e842a7cb6"), "https://hooks.example.com");
        assertValid(provider.sendMessage(withProfile, message()));
    }

    @Test
    void fetchIsValid() throws Exception {
        assertValid(provider.fetchCall(account(), "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg"));
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"QUEUED", "RINGING", "ANSWERED"})
    void hangUpIsValid(CallState state) throws Exception {
        assertValid(provider.hangUp(account(), "v3:abc", state).orElseThrow());
    }

    @Test
    void aBrokenDialIsReportedInvalid() throws Exception {
        String dial = provider.placeCall(account(), call()).bodyText();
        assertInvalid(post("/v2/calls", dial.replace("\"connection_id\"", "\"connection\"")), "connection_id");
        assertInvalid(post("/v2/calls", dial.replace("\"timeout_secs\":45", "\"timeout_secs\":\"45\"")), "timeout_secs");
        assertInvalid(post("/v2/calls", dial.replace("\"webhook_url_method\":\"POST\"", "\"webhook_url_method\":\"PUT\"")),
                "webhook_url_method");
        assertInvalid(post("/v2/calls", dial.replace("\"to\":\"+14155550100\"", "\"to\":14155550100")), "to");
    }

    @Test
    void theProbeIsNotInTheSubset() throws Exception {
        String result = validate(provider.probe(account()));
        assertNotNull(result, "GET /v2/balance is not in the document; if it is now, validate it like the others");
        assertTrue(result.contains("No operation found"), result);
    }

    @ParameterizedTest
    @CsvSource({"DialCall, false", "SendMessage, true"})
    void acceptedResponsesMatchTheDocument(String operation, boolean message) {
        assertResponseValid(operation, simulator.accepted(simCall(message)));
    }

    @Test
    void fetchedAndHungUpResponsesMatchTheDocument() {
        SimCall live = simCall(false);
        assertResponseValid("RetrieveCallStatus", simulator.fetched(live));
        assertResponseValid("RetrieveCallStatus", simulator.fetched(live.advance("completed", NOW, NOW.plusSeconds(61))));
        assertResponseValid("HangupCall", simulator.hungUp(live));
    }

    @ParameterizedTest
    @EnumSource(SimError.Kind.class)
    void errorResponsesMatchTheDocument(SimError.Kind kind) {
        CarrierHttpResponse error = simulator.error(new SimError(kind, "detail"));
        assertResponseValid("DialCall", error);
        // SendMessage declares "4XX", a status range vertx-openapi 5.0.7 does not match: check its schema directly
        assertSchemaValid("messaging_Errors", error.bodyText());
    }

    @Test
    void aWrongResponseIsReportedInvalid() {
        CarrierHttpResponse noIds = new CarrierHttpResponse(200, Map.of(), "{\"data\":{\"call_control_id\":5}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertNotNull(responseError("DialCall", noIds));
    }

    @ParameterizedTest
    @CsvSource({
        "INITIATED, CallInitiatedEvent", "ANSWERED, CallAnsweredEvent", "COMPLETED, CallHangupEvent",
        "BUSY, CallHangupEvent", "NO_ANSWER, CallHangupEvent", "CANCELED, CallHangupEvent",
        "REJECTED, CallHangupEvent", "FAILED, CallHangupEvent"})
    void callWebhooksMatchTheirSchemas(CallState state, String schema) {
        SimCall call = simCall(false).advance("x", null, state.isFinal() ? NOW : null);
        CarrierHttpRequest webhook = simulator.callbacks(call, SimEvent.call(state, 486), sandbox(), NOW).get(0);
        assertSchemaValid(schema, webhook.bodyText());
    }

    @ParameterizedTest
    @EnumSource(value = MessageState.class, names = {"SENT", "DELIVERED", "FAILED"})
    void messageWebhooksMatchTheDeliveryUpdateSchema(MessageState state) {
        CarrierHttpRequest webhook = simulator.callbacks(simCall(true), SimEvent.message(state), sandbox(), NOW).get(0);
        assertSchemaValid("OutboundMessageEvent", webhook.bodyText());
    }

    @Test
    void aWebhookWithAWrongHangupCauseIsReportedInvalid() {
        CarrierHttpRequest webhook = simulator.callbacks(simCall(false).advance("x", null, NOW),
                SimEvent.call(CallState.BUSY, 486), sandbox(), NOW).get(0);
        OutputUnit result = schema("CallHangupEvent").validate(new JsonObject(webhook.bodyText()
                .replace("user_busy", "very_busy")));
        assertEquals(Boolean.FALSE, result.getValid());
    }

    private Map<String, String> sandbox() {
        return simulator.newAccount(new SecureRandom());
    }

    private SimCall simCall(boolean message) {
        String id = simulator.newId(new SecureRandom(), message);
        Map<String, String> callbacks = Map.of("status", TelnyxTestSupport.WEBHOOK_BASE + (message ? "/sms/m1" : "/voice/c1"));
        return new SimCall(id, message, "+14155550100", "+16502530000", message ? "hello" : null, callbacks,
                message ? null : "YzE=", "queued", NOW.minusSeconds(30), null, null);
    }

    private static void assertSchemaValid(String schema, String body) {
        OutputUnit result = schema(schema).validate(new JsonObject(body));
        assertEquals(Boolean.TRUE, result.getValid(), () -> schema + ": " + result.toJson().encodePrettily());
    }

    /** @return a validator of one component schema of the document */
    private static Validator schema(String name) {
        return schemas.validator(JsonSchema.of(new JsonObject().put("$ref", BASE + "#/components/schemas/" + name)),
                SCHEMA_OPTIONS);
    }

    private static void assertResponseValid(String operation, CarrierHttpResponse response) {
        assertNull(responseError(operation, response), operation + " " + response.status() + " " + response.bodyText());
    }

    private static String responseError(String operation, CarrierHttpResponse response) {
        ValidatableResponse validatable = ValidatableResponse.create(response.status(), Map.of(),
                Buffer.buffer(response.body()), "application/json");
        try {
            await(responses.validate(validatable, operation));
            return null;
        } catch (Exception invalid) {
            return String.valueOf(invalid.getMessage());
        }
    }

    private static void assertValid(CarrierHttpRequest request) throws Exception {
        assertNull(validate(request), () -> request.method() + " " + request.url() + " " + request.bodyText());
    }

    private static void assertInvalid(CarrierHttpRequest request, String field) throws Exception {
        String result = validate(request);
        assertNotNull(result, () -> "expected invalid: " + request.bodyText());
        assertTrue(result.contains(field), result);
    }

    private static CarrierHttpRequest post(String path, String body) {
        return new CarrierHttpRequest("POST", "https://api.telnyx.com" + path, Map.of("Content-Type", "application/json",
                "Authorization", "Bearer k"), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** @return null when the request is valid, else the validator's message */
    private static String validate(CarrierHttpRequest request) throws Exception {
        URI uri = URI.create(request.url());
        String target = "http://127.0.0.1:" + port + uri.getRawPath() + (uri.getRawQuery() == null ? ""
                : "?" + uri.getRawQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? null : response.body();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
