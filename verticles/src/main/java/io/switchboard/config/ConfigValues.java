package io.switchboard.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed, range-checked reads of a merged configuration tree by dotted key. Every failure is a
 * {@link ConfigException} naming the key and the value.
 */
final class ConfigValues {

    private final JsonObject root;

    ConfigValues(JsonObject root) {
        this.root = root;
    }

    Object raw(String key) {
        Object node = root;
        for (String part : key.split("\\.")) {
            if (!(node instanceof JsonObject object)) {
                return null;
            }
            node = object.getValue(part);
        }
        return node;
    }

    String string(String key) {
        Object value = raw(key);
        return value == null ? "" : value.toString();
    }

    String oneOf(String key, Set<String> allowed) {
        String value = string(key).trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new ConfigException(key, "expected one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", got '" + string(key) + "'");
        }
        return value;
    }

    long number(String key, long min, long max) {
        Object value = raw(key);
        if (!(value instanceof Number number)) {
            throw new ConfigException(key, "expected a number, got '" + value + "'");
        }
        double asDouble = number.doubleValue();
        if (asDouble != Math.rint(asDouble)) {
            throw new ConfigException(key, "expected a whole number, got " + value);
        }
        long whole = number.longValue();
        if (whole < min || whole > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + whole);
        }
        return whole;
    }

    int port(String key) {
        return (int) number(key, 0, 65_535);
    }

    List<String> strings(String key) {
        Object value = raw(key);
        if (!(value instanceof JsonArray array)) {
            throw new ConfigException(key, "expected a list, got '" + value + "'");
        }
        List<String> out = new ArrayList<>();
        for (Object item : array) {
            if (item == null || item.toString().isBlank()) {
                throw new ConfigException(key, "list items must not be empty");
            }
            out.add(item.toString().trim());
        }
        return List.copyOf(out);
    }
}
