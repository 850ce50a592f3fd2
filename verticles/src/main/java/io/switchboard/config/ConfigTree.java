package io.switchboard.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The known keys of Switchboard's configuration, taken from the defaults document
 * ({@code conf/switchboard.yaml}): a key exists if and only if the defaults define it, and its
 * type is the type of its default. Layers on top of the defaults are checked against this tree.
 * A section whose default is empty ({@code carriers: {}}) is open: any keys may go under it, and
 * the code that reads it checks them (environment variables cannot reach into it).
 */
final class ConfigTree {

    static final String ENV_PREFIX = "SWITCHBOARD_";

    private final JsonObject defaults;

    ConfigTree(JsonObject defaults) {
        this.defaults = defaults;
    }

    /**
     * Checks that every key of {@code layer} exists in the defaults with a compatible type and
     * merges it over {@code base} (deeply).
     *
     * @param source where the layer came from, for messages ({@code /etc/sb.yaml})
     * @throws ConfigException naming the first unknown or mistyped key
     */
    JsonObject overlay(JsonObject base, JsonObject layer, String source) {
        check(defaults, layer, "", source);
        return base.copy().mergeIn(layer, true);
    }

    private static void check(JsonObject known, JsonObject layer, String prefix, String source) {
        for (Map.Entry<String, Object> entry : layer) {
            String key = prefix + entry.getKey();
            if (!known.containsKey(entry.getKey())) {
                throw new ConfigException(key, "unknown key (in " + source + ")");
            }
            Object expected = known.getValue(entry.getKey());
            Object actual = entry.getValue();
            if (expected instanceof JsonObject section) {
                if (!(actual instanceof JsonObject nested)) {
                    throw new ConfigException(key, "must be a section of keys (in " + source + ")");
                }
                if (!section.isEmpty()) {
                    check(section, nested, key + ".", source);
                }
                // An empty default section (carriers) is open: its reader checks its keys.
            } else if (actual != null && !sameKind(expected, actual)) {
                throw new ConfigException(key, "expected " + kind(expected) + ", got '" + actual
                        + "' (in " + source + ")");
            }
        }
    }

    private static boolean sameKind(Object expected, Object actual) {
        return kind(expected).equals(kind(actual));
    }

    private static String kind(Object value) {
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true or false";
        }
        if (value instanceof JsonArray) {
            return "a list";
        }
        if (value instanceof JsonObject) {
            return "a section";
        }
        return "a string";
    }

    /**
     * Turns {@code SWITCHBOARD_*} environment variables into a layer: the variable's name is the
     * key path upper-cased with {@code .} and {@code -} as {@code _}; its text is converted to
     * the type of the key's default (lists are comma-separated).
     *
     * @throws ConfigException for a {@code SWITCHBOARD_} variable that names no key, or whose
     *     value cannot be converted
     */
    JsonObject environmentLayer(Map<String, String> env) {
        JsonObject layer = new JsonObject();
        List<String> leaves = new ArrayList<>();
        collectLeaves(defaults, "", leaves);
        for (Map.Entry<String, String> variable : env.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = leaves.stream().filter(k -> envName(k).equals(name)).findFirst()
                    .orElseThrow(() -> new ConfigException(name,
                            "unknown environment variable (no such configuration key)"));
            put(layer, key, convert(key, variable.getValue(), name));
        }
        return layer;
    }

    /** @return the environment variable that overrides {@code key}, e.g. {@code SWITCHBOARD_HTTP_PORT} */
    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private Object convert(String key, String text, String source) {
        Object expected = lookup(key).orElseThrow();
        String trimmed = text.trim();
        if (expected instanceof Number) {
            try {
                return Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "expected a number, got '" + text + "' (from " + source + ")");
            }
        }
        if (expected instanceof Boolean) {
            if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
                throw new ConfigException(key, "expected true or false, got '" + text + "' (from " + source + ")");
            }
            return Boolean.parseBoolean(trimmed);
        }
        if (expected instanceof JsonArray) {
            JsonArray list = new JsonArray();
            for (String item : trimmed.split(",")) {
                if (!item.isBlank()) {
                    list.add(item.trim());
                }
            }
            return list;
        }
        return text;
    }

    /** @return the default value of a dotted key, if the key exists */
    Optional<Object> lookup(String key) {
        Object node = defaults;
        for (String part : key.split("\\.")) {
            if (!(node instanceof JsonObject object) || !object.containsKey(part)) {
                return Optional.empty();
            }
            node = object.getValue(part);
        }
        return Optional.ofNullable(node);
    }

    /** Puts {@code value} at the dotted {@code key} of {@code target}, creating sections. */
    static void put(JsonObject target, String key, Object value) {
        String[] parts = key.split("\\.");
        JsonObject node = target;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonObject next = node.getJsonObject(parts[i]);
            if (next == null) {
                next = new JsonObject();
                node.put(parts[i], next);
            }
            node = next;
        }
        node.put(parts[parts.length - 1], value);
    }

    private static void collectLeaves(JsonObject section, String prefix, List<String> out) {
        for (Map.Entry<String, Object> entry : section) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof JsonObject nested) {
                collectLeaves(nested, key + ".", out);
            } else {
                out.add(key);
            }
        }
    }

    /** @return every leaf key of the defaults, in document order, e.g. {@code database.embedded.port} */
    List<String> leafKeys() {
        List<String> out = new ArrayList<>();
        collectLeaves(defaults, "", out);
        return out;
    }
}
