package io.switchboard.api.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The public API's OpenAPI 3.0 document ({@value #RESOURCE} on the class path): its text, served
 * as it is at {@code GET /openapi.yaml}, and the vertx-openapi {@link OpenAPIContract} built from it
 * for request validation.
 *
 * <p>Two vendor extensions mark operations whose body is not validated:
 * {@code x-switchboard-streamed-body: true} (the rate-deck upload, {@code text/csv}: the body is
 * streamed to a file by its handler and must not be read before it) and
 * {@code x-switchboard-raw-body: true} (carrier webhooks: the provider's own format, relayed raw to
 * the adapter that checks its signature). vertx-openapi 5.0.7 refuses a document whose request
 * bodies have media types it cannot parse ({@code text/csv}, {@code application/x-www-form-urlencoded}),
 * so the contract used for validation is a copy of the document without the request bodies of
 * those operations (their parameters are still validated) and without response media types it
 * cannot parse (responses are documented, not validated). The served document is the full one.
 *
 * <p>vertx-openapi 5.0.7 validates a 3.0 document's schemas as JSON Schema draft 4, which has no
 * {@code nullable}: {@code {type: string, nullable: true}} would refuse {@code null}. In the copy,
 * every schema with {@code nullable: true} becomes {@code anyOf: [<the schema without nullable, null
 * left out of its enum>, {enum: [null]}]}, which draft 4 reads as the document means it (see
 * {@link #nullables}).
 */
public final class ApiContract {

    /** Where the document lives on the class path. */
    public static final String RESOURCE = "openapi/switchboard.yaml";
    /** Extension: the operation's body is streamed by its handler (never read by the validator). */
    public static final String STREAMED_BODY = "x-switchboard-streamed-body";
    /** Extension: the operation's body is the caller's own format, relayed raw, not validated. */
    public static final String RAW_BODY = "x-switchboard-raw-body";

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final String text;
    private final JsonObject document;
    private final OpenAPIContract contract;

    private ApiContract(String text, JsonObject document, OpenAPIContract contract) {
        this.text = text;
        this.document = document;
        this.contract = contract;
    }

    /**
     * Reads {@link #RESOURCE} (off the event loop) and builds the validation contract.
     *
     * @return the contract; fails with an {@link IOException} if the resource is missing, or with
     *     vertx-openapi's {@code OpenAPIContractException} if the document is not a valid OpenAPI
     *     document or uses a feature vertx-openapi does not support
     */
    public static Future<ApiContract> load(Vertx vertx) {
        return vertx.executeBlocking(ApiContract::readResource, false).compose(text -> {
            JsonObject document = parse(text);
            return OpenAPIContract.from(vertx, forValidation(document))
                    .map(contract -> new ApiContract(text, document, contract));
        });
    }

    /** @return the document's text, UTF-8, as it is on the class path */
    public String text() {
        return text;
    }

    /** @return the full document as JSON (a copy) */
    public JsonObject document() {
        return document.copy();
    }

    /** @return the vertx-openapi contract used to validate requests */
    public OpenAPIContract contract() {
        return contract;
    }

    /**
     * @param operationId an operation of the document
     * @return whether its body is streamed by its handler and must not be read before it
     */
    public boolean streamedBody(String operationId) {
        return Boolean.TRUE.equals(extension(operationId, STREAMED_BODY));
    }

    private Object extension(String operationId, String name) {
        var operation = contract.operation(operationId);
        return operation == null ? null : operation.getOpenAPIModel().getValue(name);
    }

    /** @return the resource's text */
    static String readResource() throws IOException {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + RESOURCE + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * @param yaml an OpenAPI document as YAML (aliases allowed, no custom tags)
     * @return it as JSON
     */
    static JsonObject parse(String yaml) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the OpenAPI document is not a YAML mapping");
        }
        // through JSON text so that aliased nodes become independent copies
        return new JsonObject(JsonObject.mapFrom(map).encode());
    }

    /**
     * @param document the full document
     * @return a copy without the request bodies of streamed and raw-body operations, without
     *     the response media types vertx-openapi cannot parse (YAML, CSV; responses are not validated),
     *     and with {@code nullable} schemas in draft 4's terms ({@link #nullables})
     */
    static JsonObject forValidation(JsonObject document) {
        JsonObject copy = document.copy();
        nullables(copy);
        JsonObject paths = Objects.requireNonNullElse(copy.getJsonObject("paths"), new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : METHODS) {
                JsonObject operation = item.getJsonObject(method);
                if (operation == null) {
                    continue;
                }
                if (Boolean.TRUE.equals(operation.getValue(STREAMED_BODY)) || Boolean.TRUE.equals(operation.getValue(RAW_BODY))) {
                    operation.remove("requestBody");
                }
                JsonObject responses = operation.getJsonObject("responses", new JsonObject());
                for (String status : responses.fieldNames()) {
                    JsonObject content = responses.getJsonObject(status).getJsonObject("content");
                    if (content != null) {
                        content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
                    }
                }
            }
        }
        return copy;
    }

    /**
     * Rewrites, in place and at any depth, every schema with {@code nullable: true} (OpenAPI 3.0) as
     * {@code anyOf: [<the schema without nullable and without null in its enum>, {enum: [null]}]}
     * (JSON Schema draft 4, which vertx-openapi validates 3.0 documents with and which ignores
     * {@code nullable}). A property <em>named</em> {@code nullable} holds a schema, not {@code true},
     * and is left alone.
     *
     * @param node a JSON value of the document
     */
    static void nullables(Object node) {
        if (node instanceof JsonArray array) {
            for (Object item : array) {
                nullables(item);
            }
            return;
        }
        if (!(node instanceof JsonObject object)) {
            return;
        }
        for (String key : new ArrayList<>(object.fieldNames())) {
            nullables(object.getValue(key));
        }
        if (!Boolean.TRUE.equals(object.getValue("nullable"))) {
            return;
        }
        JsonObject schema = object.copy();
        schema.remove("nullable");
        if (schema.getValue("enum") instanceof JsonArray values) {
            JsonArray withoutNull = new JsonArray();
            values.forEach(value -> {
                if (value != null) {
                    withoutNull.add(value);
                }
            });
            schema.put("enum", withoutNull);
        }
        object.clear();
        object.put("anyOf", new JsonArray().add(schema).add(new JsonObject().put("enum", new JsonArray().addNull())));
    }

    /**
     * @return every path of the document with its methods, upper case ({@code GET}, ...)
     */
    public Map<String, List<String>> operations() {
        Map<String, List<String>> result = new java.util.TreeMap<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            result.put(path, METHODS.stream().filter(item::containsKey).map(m -> m.toUpperCase(java.util.Locale.ROOT))
                    .toList());
        }
        return result;
    }
}
