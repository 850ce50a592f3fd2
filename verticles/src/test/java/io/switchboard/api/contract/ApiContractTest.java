package io.switchboard.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document itself: it parses and validates with swagger-parser (the reference parser
 * of the OpenAPI Initiative's tooling) with no messages, vertx-openapi builds its validation
 * contract from it, and it keeps the API's conventions (operation ids, strict JSON request bodies,
 * snake_case properties and parameters, an error answer for every operation).
 */
class ApiContractTest {

    private static Vertx vertx;
    private static ApiContract contract;
    private static OpenAPI openApi;

    @BeforeAll
    static void load() throws Exception {
        vertx = Vertx.vertx();
        contract = ApiContract.load(vertx)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(ApiContract.readResource(), null, options);
        assertEquals(List.of(), result.getMessages(), "swagger-parser messages");
        openApi = result.getOpenAPI();
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void parsesWithSwaggerParserWithoutMessages() {
        assertNotNull(openApi);
        assertEquals("3.0.3", openApi.getOpenapi());
        assertTrue(openApi.getPaths().size() >= 30, "paths: " + openApi.getPaths().size());
        assertNotNull(openApi.getComponents().getSecuritySchemes().get("apiKey"));
    }

    /** @return the id of the operation vertx-openapi finds for a concrete path */
    private static String operationAt(String path, HttpMethod method) {
        return contract.contract().findOperation(path, method).getOperationId();
    }

    @Test
    void vertxOpenApiBuildsTheValidationContractForEveryOperation() {
        int operations = contract.operations().values().stream().mapToInt(List::size).sum();
        assertEquals(operations, contract.contract().operations().size());
        assertNotNull(contract.contract().findOperation("/v1/calls", HttpMethod.POST));
        assertEquals("replayWebhookDelivery", operationAt("/v1/webhooks/deliveries/7/replay", HttpMethod.POST),
                "a concrete path wins over the webhook template");
        assertEquals("listWebhookDeliveries", operationAt("/v1/webhooks/deliveries", HttpMethod.GET));
        assertEquals("carrierRecordWebhookPost", operationAt("/v1/webhooks/twilio/voice/abc", HttpMethod.POST));
        assertEquals("listCarrierHealth", operationAt("/v1/carriers/health", HttpMethod.GET),
                "a concrete path wins over /v1/carriers/{id}");
        assertEquals("getCarrier", operationAt("/v1/carriers/steady", HttpMethod.GET));
        assertEquals("diffCarrierDecks", operationAt("/v1/carriers/steady/decks/diff", HttpMethod.GET));
        assertTrue(contract.streamedBody("importDeck"));
        assertTrue(contract.streamedBody("importCarrierDeck"));
        assertNull(contract.contract().operation("importCarrierDeck").getRequestBody(), "the CSV body is not validated");
        assertFalse(contract.streamedBody("createCall"));
        assertNull(contract.contract().operation("importDeck").getRequestBody(), "the CSV body is not validated");
        assertNotNull(contract.contract().operation("createCall").getRequestBody());
    }

    @Test
    void nullableSchemasAcceptNullWhenValidated() {
        JsonObject validated = ApiContract.forValidation(contract.document());
        assertFalse(validated.encode().contains("\"nullable\""), "draft 4 ignores nullable: none is left");
        JsonObject patch = validated.getJsonObject("components").getJsonObject("schemas").getJsonObject("CarrierPatch")
                .getJsonObject("properties");
        assertEquals(new JsonObject("{\"anyOf\":[{\"type\":\"integer\",\"minimum\":0,\"maximum\":1000,"
                + "\"description\":\"routing tier, lower first (default 10)\"},{\"enum\":[null]}]}"), patch.getJsonObject("priority"));
        JsonObject transport = validated.getJsonObject("components").getJsonObject("schemas").getJsonObject("CarrierSipFields")
                .getJsonArray("anyOf").getJsonObject(0).getJsonObject("properties").getJsonObject("transport");
        assertEquals(new io.vertx.core.json.JsonArray().add("udp").add("tcp").add("tls"),
                transport.getJsonArray("anyOf").getJsonObject(0).getJsonArray("enum"), "null is the other branch's");
        assertTrue(contract.document().encode().contains("\"nullable\":true"), "the served document keeps nullable");
    }

    @Test
    void theServedTextIsTheDocument() throws Exception {
        JsonObject reparsed = ApiContract.parse(contract.text());
        assertEquals(contract.document(), reparsed);
        assertTrue(contract.document().getJsonObject("paths").getJsonObject("/v1/decks").getJsonObject("post")
                .containsKey("requestBody"), "the served document keeps the CSV body");
    }

    @Test
    void everyOperationHasAnIdAndAnErrorAnswer() {
        Set<String> ids = new HashSet<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            assertNotNull(operation.getOperationId(), method + " " + path);
            assertTrue(ids.add(operation.getOperationId()), "duplicate id " + operation.getOperationId());
            boolean open = path.startsWith("/health") || path.equals("/metrics") || path.equals("/openapi.yaml");
            assertTrue(open || operation.getResponses().keySet().stream().anyMatch(code -> code.startsWith("4")),
                    method + " " + path + " documents no 4xx");
        }));
    }

    @Test
    void eachOperationsRequiredScopeIsTheOneTheAuthenticationHandlerEnforces() {
        List<String> mismatches = new java.util.ArrayList<>();
        int compared = 0;
        for (var path : openApi.getPaths().entrySet()) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x1");
            for (var op : path.getValue().readOperationsMap().entrySet()) {
                Object documented = op.getValue().getExtensions() == null ? null
                        : op.getValue().getExtensions().get("x-required-scope");
                String enforced = io.switchboard.api.auth.EndpointScopes.required(
                        HttpMethod.valueOf(op.getKey().name()), concrete);
                String expected = enforced == null || enforced.equals(io.switchboard.api.auth.EndpointScopes.ANY_KEY)
                        ? null : enforced;
                if (!java.util.Objects.equals(expected, documented)) {
                    mismatches.add(op.getKey() + " " + path.getKey() + ": document " + documented + ", enforced " + enforced);
                }
                compared++;
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(compared >= 50, "operations compared: " + compared);
    }

    @Test
    void jsonRequestBodiesRefuseUnknownFieldsAndUseSnakeCase() {
        List<String> checked = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            for (var parameter : parameters(operation)) {
                if (!"header".equals(parameter.getIn())) {
                    assertTrue(parameter.getName().matches("[a-z][a-z0-9_]*"), "parameter " + parameter.getName()
                            + " of " + method + " " + path);
                }
            }
            if (operation.getRequestBody() == null) {
                return;
            }
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            if (json == null || Boolean.TRUE.equals(extension(operation, ApiContract.RAW_BODY))) {
                return;
            }
            strict(json.getSchema(), method + " " + path, new HashSet<>());
            checked.add(method + " " + path);
        }));
        assertEquals(13, checked.size(), "JSON bodies checked: " + checked);
    }

    private static List<io.swagger.v3.oas.models.parameters.Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters().stream()
                .map(p -> p.get$ref() == null ? p : openApi.getComponents().getParameters()
                        .get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1)))
                .toList();
    }

    private static Object extension(Operation operation, String name) {
        return operation.getExtensions() == null ? null : operation.getExtensions().get(name);
    }

    /** Every object schema of a request body (following $refs) has additionalProperties false and snake_case names. */
    @SuppressWarnings("rawtypes")
    private static void strict(Schema schema, String where, Set<String> seen) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (seen.add(name)) {
                strict(openApi.getComponents().getSchemas().get(name), where + " > " + name, seen);
            }
            return;
        }
        if (schema.getAllOf() != null) {
            for (Object part : schema.getAllOf()) {
                strict((Schema) part, where, seen);
            }
        }
        if (schema.getItems() != null) {
            strict(schema.getItems(), where + "[]", seen);
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty()) {
            assertEquals(Boolean.FALSE, schema.getAdditionalProperties(), where + " must refuse unknown fields");
            properties.forEach((name, property) -> {
                assertTrue(name.matches("[a-z][a-z0-9_]*"), where + "." + name + " is not snake_case");
                strict(property, where + "." + name, seen);
            });
        }
    }
}
