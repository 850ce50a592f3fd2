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

    private JsonBody(ObjectNode body) {
        this.body = body;
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
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, name, name + ": unknown field; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new JsonBody(object);
    }

    String text(String field, boolean required, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": expected a string");
        }
        String text = value.asText();
        if (text.length() > maxLength || (required && text.isEmpty())) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field,
                    field + ": expected 1 to " + maxLength + " characters, got " + text.length());
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": control characters are not allowed");
        }
        return text;
    }

    E164 number(String field, boolean required) {
        String raw = text(field, required, 32);
        return raw == null ? null : E164.parse(field, raw);
    }

    Integer integer(String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field,
                    field + ": expected a whole number from " + min + " to " + max + ", got " + value);
        }
        return value.asInt();
    }

    boolean bool(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": expected true or false");
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
        throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": expected an absolute http(s) URL");
    }

    /** @return a JSON object of at most {@code maxBytes} serialized, or null */
    JsonNode object(String field, int maxBytes) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject() || value.toString().length() > maxBytes) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field,
                    field + ": expected a JSON object of at most " + maxBytes + " bytes");
        }
        return value;
    }
}
