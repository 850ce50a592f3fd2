package io.switchboard.carrier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * JSON helpers for carrier adapters that speak JSON to the carrier (request bodies, responses,
 * webhook payloads), on a plain Jackson {@link ObjectMapper} with default settings: field names
 * are written as given (carriers each have their own casing), numbers are read as Jackson's
 * defaults, so unlike {@code io.switchboard.contract.Json} nothing is renamed or rejected.
 *
 * <p>Readers are lenient where a carrier's payload may omit things: {@link #text} answers null for
 * an absent field and {@link #instant} falls back for an absent or unreadable time.
 */
public final class CarrierJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CarrierJson() {
    }

    /** @return a new, empty JSON object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** @return a new, empty JSON array */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * @param status the HTTP status
     * @param body the JSON body, written as {@link #bytes}
     * @param contentType the {@code Content-Type} to send ({@code application/json},
     *     {@code application/problem+json})
     * @return a response with that status, that single header and that body
     */
    public static CarrierHttpResponse response(int status, JsonNode body, String contentType) {
        return new CarrierHttpResponse(status, Map.of("Content-Type", List.of(contentType)), bytes(body));
    }

    /**
     * @param node the JSON to write
     * @return it as compact UTF-8 JSON bytes
     * @throws IllegalStateException if Jackson cannot write it (not expected for a tree)
     */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * @param body UTF-8 JSON bytes, possibly null or empty
     * @return the parsed JSON (any JSON value: object, array, scalar)
     * @throws IllegalArgumentException when the body is null, empty or not JSON
     */
    public static JsonNode read(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty body");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON", e);
        }
    }

    /**
     * @param body UTF-8 JSON bytes, possibly null or empty
     * @return the body as JSON, or null when it is empty or not JSON
     */
    public static JsonNode readOrNull(byte[] body) {
        try {
            return read(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param node a JSON object, or null
     * @param field the field's name
     * @return the field's text ({@link JsonNode#asText()}: numbers and booleans as written), or null
     *     when {@code node} is null or the field is absent or JSON null
     */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * @param array a JSON array, or null
     * @param index the element's index, 0-based
     * @return the text of that element, or null when {@code array} is null, the element is absent,
     *     JSON null, or not a scalar (object or array)
     */
    public static String text(JsonNode array, int index) {
        JsonNode value = array == null ? null : array.get(index);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    /**
     * @param iso an ISO-8601 instant in UTC or with an offset ({@code 2026-11-21T18:26:12Z},
     *     {@link Instant#parse} syntax), or null
     * @param fallback what to answer when {@code iso} is null, blank or unreadable (often the time
     *     of receipt)
     * @return the instant, or {@code fallback}
     */
    public static Instant instant(String iso, Instant fallback) {
        if (iso == null || iso.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
