package io.switchboard.carrier.config;

import io.switchboard.config.ConfigException;
import io.switchboard.contract.model.Service;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the {@code carriers} configuration section: one sub-section per carrier id, every key
 * checked, every problem a {@link ConfigException} naming {@code carriers.<id>.<key>}. A
 * credential written {@code env:NAME} is read from the environment variable {@code NAME}, so
 * secrets need not sit in the file.
 *
 * <pre>
 * carriers:
 *   twilio-us:
 *     provider: twilio
 *     services: [voice, sms]
 *     priority: 10
 *     cps: 1
 *     credentials: {account_sid: AC..., auth_token: env:TWILIO_AUTH_TOKEN}
 *     settings: {from_number: "+15005550006"}
 * </pre>
 */
public final class CarrierConfigReader {

    private static final Set<String> KEYS = Set.of("provider", "base-url", "services", "priority", "weight", "cps",
            "max-concurrent", "timeout-ms", "breaker", "settings", "credentials");

    private final CarrierConfig.Breaker defaultBreaker;
    private final long defaultTimeoutMs;
    private final Function<String, String> environment;

    /**
     * @param defaultBreaker the breaker of a carrier that sets none
     * @param defaultTimeoutMs the request timeout of a carrier that sets none, ms
     * @param environment looks up {@code env:NAME} references ({@code System::getenv})
     */
    public CarrierConfigReader(CarrierConfig.Breaker defaultBreaker, long defaultTimeoutMs,
                               Function<String, String> environment) {
        this.defaultBreaker = defaultBreaker;
        this.defaultTimeoutMs = defaultTimeoutMs;
        this.environment = environment;
    }

    /**
     * @param section the {@code carriers} section
     * @return the carriers, in the section's order
     * @throws ConfigException naming the first bad key
     */
    public List<CarrierConfig> read(JsonObject section) {
        List<CarrierConfig> carriers = new ArrayList<>();
        for (String id : section.fieldNames()) {
            String at = "carriers." + id;
            if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                throw new ConfigException(at, "a carrier id is lower-case letters, digits and '-'");
            }
            if (!(section.getValue(id) instanceof JsonObject carrier)) {
                throw new ConfigException(at, "must be a section of keys");
            }
            carriers.add(carrier(id, carrier, at));
        }
        return carriers;
    }

    private CarrierConfig carrier(String id, JsonObject c, String at) {
        for (String key : c.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(at + "." + key, "unknown key; expected one of " + new java.util.TreeSet<>(KEYS));
            }
        }
        String provider = text(c, "provider", at, null);
        if (provider == null || provider.isBlank()) {
            throw new ConfigException(at + ".provider", "is required (twilio, telnyx, plivo, bandwidth, vonage, "
                    + "sinch, exotel or sip)");
        }
        Set<Service> services = EnumSet.noneOf(Service.class);
        Object listed = c.getValue("services", new JsonArray().add("voice"));
        if (!(listed instanceof JsonArray names) || names.isEmpty()) {
            throw new ConfigException(at + ".services", "expected a non-empty list such as [voice, sms]");
        }
        for (Object name : names) {
            try {
                services.add(Service.fromWire(String.valueOf(name)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + ".services", "'" + name + "' is not a service (voice, sms, mms, fax)");
            }
        }
        JsonObject breaker = section(c, "breaker", at);
        for (String key : breaker.fieldNames()) {
            if (!key.equals("max-failures") && !key.equals("reset-timeout-ms")) {
                throw new ConfigException(at + ".breaker." + key, "unknown key; expected max-failures or reset-timeout-ms");
            }
        }
        CarrierConfig.Breaker breakerSettings = new CarrierConfig.Breaker(
                (int) number(breaker, "max-failures", at + ".breaker", defaultBreaker.maxFailures(), 1, 10_000),
                number(breaker, "reset-timeout-ms", at + ".breaker", defaultBreaker.resetTimeoutMs(), 100, 86_400_000));
        return new CarrierConfig(id, provider.trim().toLowerCase(java.util.Locale.ROOT), text(c, "base-url", at, ""),
                services, (int) number(c, "priority", at, 10, 0, 1_000), (int) number(c, "weight", at, 100, 0, 1_000_000),
                (int) number(c, "cps", at, 0, 0, 100_000), (int) number(c, "max-concurrent", at, 0, 0, 10_000_000),
                number(c, "timeout-ms", at, defaultTimeoutMs, 100, 600_000), breakerSettings, false,
                strings(section(c, "settings", at), at + ".settings", false),
                strings(section(c, "credentials", at), at + ".credentials", true));
    }

    private Map<String, String> strings(JsonObject values, String at, boolean resolveEnv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : values.fieldNames()) {
            Object value = values.getValue(key);
            if (value instanceof JsonObject || value instanceof JsonArray || value == null) {
                throw new ConfigException(at + "." + key, "expected a single value");
            }
            if (!resolveEnv && SecretNames.isSecret(key)) {
                throw new ConfigException(at + "." + key, "looks like a secret; put it under credentials, "
                        + "which are stored encrypted");
            }
            String text = String.valueOf(value);
            if (resolveEnv && text.startsWith("env:")) {
                String variable = text.substring(4);
                text = environment.apply(variable);
                if (text == null || text.isEmpty()) {
                    throw new ConfigException(at + "." + key, "environment variable " + variable + " is not set");
                }
            }
            out.put(key, text);
        }
        return out;
    }

    private static JsonObject section(JsonObject c, String key, String at) {
        Object value = c.getValue(key);
        if (value == null) {
            return new JsonObject();
        }
        if (!(value instanceof JsonObject section)) {
            throw new ConfigException(at + "." + key, "must be a section of keys");
        }
        return section;
    }

    private static String text(JsonObject c, String key, String at, String fallback) {
        Object value = c.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(at + "." + key, "expected a string, got '" + value + "'");
        }
        return text.trim();
    }

    private static long number(JsonObject c, String key, String at, long fallback, long min, long max) {
        Object value = c.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != number.longValue()) {
            throw new ConfigException(at + "." + key, "expected a whole number, got '" + value + "'");
        }
        long n = number.longValue();
        if (n < min || n > max) {
            throw new ConfigException(at + "." + key, "must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }
}
