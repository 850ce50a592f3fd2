package io.switchboard.api;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.Service;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Query parameters of the public API, validated: each failure is TEL-011 naming the parameter. */
final class Params {

    private Params() {
    }

    static String required(RoutingContext ctx, String name) {
        String value = optional(ctx, name);
        if (value == null) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name, name + ": required");
        }
        return value;
    }

    static String optional(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name, name + ": control characters are not allowed");
        }
        return value.trim();
    }

    static Service service(RoutingContext ctx, String name, Service fallback) {
        String value = optional(ctx, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Service.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name,
                    name + ": expected voice, sms, mms or fax, got '" + value + "'");
        }
    }

    static long positiveLong(RoutingContext ctx, String name) {
        String value = required(ctx, name);
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SwitchboardException.invalidField(ErrorCode.TEL_011, name, name + ": expected a positive whole number, got '"
                + value + "'");
    }

    /** @return the {@code limit} parameter (a positive whole number, capped at {@code max}), or {@code fallback} */
    static int limit(RoutingContext ctx, int fallback, int max) {
        return optional(ctx, "limit") == null ? fallback : (int) Math.min(max, positiveLong(ctx, "limit"));
    }

    static boolean bool(RoutingContext ctx, String name) {
        String value = optional(ctx, name);
        if (value == null) {
            return false;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name, name + ": expected true or false, got '"
                    + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    static BigDecimal amount(RoutingContext ctx, String name) {
        String value = optional(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.signum() >= 0) {
                return amount;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SwitchboardException.invalidField(ErrorCode.TEL_011, name, name + ": expected a non-negative decimal, got '"
                + value + "'");
    }

    static Set<String> list(RoutingContext ctx, String name) {
        String value = optional(ctx, name);
        return value == null ? Set.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    static String uuid(RoutingContext ctx, String name) {
        String value = optional(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return java.util.UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name, name + ": expected a UUID, got '" + value + "'");
        }
    }

    static String carrierId(RoutingContext ctx, String name) {
        String value = required(ctx, name);
        if (!value.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name,
                    name + ": expected lower-case letters, digits and '-', got '" + value + "'");
        }
        return value;
    }

    /** @return the RFC 3339 timestamp parameter {@code name}, or null when absent */
    static java.time.OffsetDateTime time(RoutingContext ctx, String name) {
        String value = optional(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, name,
                    name + ": expected an RFC 3339 timestamp such as 2026-12-01T00:00:00Z");
        }
    }
}
