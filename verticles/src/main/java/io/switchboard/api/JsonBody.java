package io.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.E164;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Iterator;
import java.util.Set;

/**
 * A request's JSON object body, read field by field: every failure is TEL-011 (TEL-001 for a
 * phone number) with {@code details.field} naming the field, and a field the endpoint does not
 * know is refused rather than ignored.
 */
final class JsonBody {

    private final ObjectNode body;
    private final String prefix;

    private JsonBody(ObjectNode body, String prefix) {
        this.body = body;
        this.prefix = prefix;
    }

    private String name(String field) {
        return prefix + field;
    }

    /**
     * @param allowed the endpoint's fields
     * @throws SwitchboardException TEL-011 for a body that is not a JSON object or has an unknown field
     */
    static JsonBody of(RoutingContext ctx, Set<String> allowed) {
        JsonNode node;
        try {
            String text = ctx.body().asString();
            node = text == null || text.isBlank() ? null : Json.mapper().readTree(text);
        } catch (Exception e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "body", "body: not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "body", "body: expected a JSON object");
        }
        return checked(object, allowed, "");
    }

    private static JsonBody checked(ObjectNode object, Set<String> allowed, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = prefix + names.next();
            if (!allowed.contains(name.substring(prefix.length()))) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, name, name + ": unknown field; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new JsonBody(object, prefix);
    }

    /**
     * @param field a field holding a JSON object
     * @param allowed the nested object's fields
     * @return the nested object, whose errors name {@code field/<name>} (a JSON pointer without its
     *     leading slash, as the OpenAPI validator names nested fields); null when absent
     * @throws SwitchboardException TEL-011 when it is not an object or has an unknown field
     */
    JsonBody nested(String field, Set<String> allowed) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field), name(field) + ": expected a JSON object");
        }
        return checked(object, allowed, name(field) + "/");
    }

    /** @return whether the field is present with the value null (a PATCH that clears it) */
    boolean isNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    /** @return true or false, or null when absent */
    Boolean optionalBool(String field) {
        return body.has(field) && !body.get(field).isNull() ? bool(field) : null;
    }

    /**
     * @return a list of at most {@code maxItems} whole numbers from {@code min} to {@code max}, or null when absent
     */
    java.util.List<Integer> integers(String field, int min, int max, int maxItems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                    name(field) + ": expected an array of at most " + maxItems + " whole numbers");
        }
        java.util.List<Integer> list = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.asInt() < min || item.asInt() > max) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                        name(field) + ": expected whole numbers from " + min + " to " + max + ", got " + item);
            }
            list.add(item.asInt());
        }
        return list;
    }

    /**
     * An object of string values: a value null means "remove this key" (kept as a null value).
     *
     * @return the entries in body order, or null when absent
     * @throws SwitchboardException TEL-011 naming {@code field/<key>} for a key that is not
     *     {@code [A-Za-z0-9_.-]{1,64}} or a value that is not a string of 1 to {@code maxValue}
     *     characters without control characters
     */
    java.util.Map<String, String> stringMap(String field, int maxItems, int maxValue) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject() || value.size() > maxItems) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                    name(field) + ": expected an object of at most " + maxItems + " string values");
        }
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (Iterator<java.util.Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            var entry = it.next();
            String key = name(field) + "/" + entry.getKey();
            if (!entry.getKey().matches("[A-Za-z0-9_.-]{1,64}")) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, key,
                        key + ": a key is 1 to 64 letters, digits, '_', '.' or '-'");
            }
            JsonNode item = entry.getValue();
            if (item.isNull()) {
                map.put(entry.getKey(), null);
                continue;
            }
            if (!item.isTextual() || item.asText().isEmpty() || item.asText().length() > maxValue
                    || item.asText().chars().anyMatch(c -> c < 0x20 && c != '\n')) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, key,
                        key + ": expected a string of 1 to " + maxValue + " characters without control characters");
            }
            map.put(entry.getKey(), item.asText());
        }
        return map;
    }

    String text(String field, boolean required, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field), name(field) + ": required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field), name(field) + ": expected a string");
        }
        String text = value.asText();
        if (text.length() > maxLength || (required && text.isEmpty())) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                    name(field) + ": expected 1 to " + maxLength + " characters, got " + text.length());
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field), name(field) + ": control characters are not allowed");
        }
        return text;
    }

    E164 number(String field, boolean required) {
        String raw = text(field, required, 32);
        return raw == null ? null : E164.parse(name(field), raw);
    }

    Integer integer(String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                    name(field) + ": expected a whole number from " + min + " to " + max + ", got " + value);
        }
        return value.asInt();
    }

    boolean bool(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field), name(field) + ": expected true or false");
        }
        return value.asBoolean();
    }

    /** @return an absolute http(s) URL, or null */
    String url(String field) {
        String raw = text(field, false, 2048);
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return raw;
            }
        } catch (Exception e) {
            // reported below
        }
        throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field), name(field) + ": expected an absolute http(s) URL");
    }

    /** @return a JSON object of at most {@code maxBytes} serialized, or null */
    JsonNode object(String field, int maxBytes) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject() || value.toString().length() > maxBytes) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                    name(field) + ": expected a JSON object of at most " + maxBytes + " bytes");
        }
        return value;
    }

    /** @return whether the body has the field (null counts as present) */
    boolean has(String field) {
        return body.has(field);
    }

    /** @return one of {@code allowed}, or null when absent */
    String oneOf(String field, Set<String> allowed) {
        String value = text(field, false, 64);
        if (value != null && !allowed.contains(value)) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field), name(field) + ": expected one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ", got '" + value + "'");
        }
        return value;
    }

    /** @return a list of at most {@code maxItems} non-empty strings, or null when absent */
    java.util.List<String> strings(String field, int maxItems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                    name(field) + ": expected an array of at most " + maxItems + " strings");
        }
        java.util.List<String> list = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > 128) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                        name(field) + ": expected an array of non-empty strings of at most 128 characters");
            }
            list.add(item.asText());
        }
        return list;
    }

    /** @return an RFC 3339 timestamp, or null when absent */
    java.time.OffsetDateTime time(String field) {
        String raw = text(field, false, 64);
        if (raw == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                    name(field) + ": expected an RFC 3339 timestamp such as 2027-01-31T00:00:00Z, got '" + raw + "'");
        }
    }

    /** @return a non-negative decimal given as a string (money is never a JSON number), or null when absent */
    java.math.BigDecimal decimal(String field) {
        String raw = text(field, false, 32);
        if (raw == null) {
            return null;
        }
        try {
            java.math.BigDecimal value = new java.math.BigDecimal(raw);
            if (value.signum() >= 0 && value.scale() <= 6) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SwitchboardException.invalidField(ErrorCode.TEL_011, name(field),
                name(field) + ": expected a non-negative decimal string with at most 6 decimals, got '" + raw + "'");
    }
}
