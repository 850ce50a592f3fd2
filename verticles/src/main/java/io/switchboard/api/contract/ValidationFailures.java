package io.switchboard.api.contract;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns vertx-openapi's validation failures into the contract's error: 400 TEL-011 with
 * {@code details.field} naming the offending field and a message {@code "<field>: <problem>"}.
 *
 * <p>The field is: the parameter's name for a path, query or header parameter; for the body, the
 * JSON pointer of the offending value without its leading slash ({@code to},
 * {@code limits/calls_per_second}), the unknown property's name for an additional property, the
 * missing property's name for a missing required one, and {@code body} when the body itself is
 * missing, not JSON or not an object. Anything that is not a validation failure is TEL-900.
 *
 * <p>vertx-openapi 5.0.7 and vertx-json-schema 5.0.7 name neither the parameter nor the property in
 * a structured way, so both are read from their messages (formats quoted below); the tests of
 * {@code ApiContractTest} fail if a new version words them differently.
 */
final class ValidationFailures {

    /** vertx-json-schema: {@code Instance does not have required property "to"}. */
    private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
    /** vertx-json-schema: {@code Property "extra" does not match additional properties schema}. */
    private static final Pattern PROPERTY = Pattern.compile("[Pp]roperty \"([^\"]+)\"");
    private static final Pattern ADDITIONAL = Pattern.compile("does not match additional properties schema");
    /** Errors of enclosing keywords, which name no problem of their own. */
    private static final Pattern GENERIC = Pattern.compile("Property \".*\" does not match schema|A sub-?schema had errors"
            + "|Items did not match schema|Instance does not match every subschema|Instance does not match any subschemas");
    /**
     * The error of the {@code {enum: [null]}} branch a nullable schema becomes for validation
     * ({@link ApiContract#nullables}): a value that is not null fails it, which says nothing about
     * what is wrong with the value.
     */
    private static final String NOT_NULL = "Instance does not match any of [null]";
    /** vertx-json-schema: {@code Instance type string is invalid. Expected integer}. */
    private static final Pattern TYPE = Pattern.compile("Instance type (\\w+) is invalid\\. Expected (\\w+)");
    /** vertx-json-schema: {@code string does not match format "uuid"}. */
    private static final Pattern FORMAT = Pattern.compile("does not match format \"([^\"]+)\"");
    /** vertx-json-schema: {@code Instance does not match any of ["live","test"]}. */
    private static final Pattern CHOICE = Pattern.compile("Instance does not match any of \\[(.*)]");
    /** vertx-json-schema: {@code -1 is less than 0}, {@code 70000 is greater than 65535}. */
    private static final Pattern BOUND = Pattern.compile("(\\S+) is (less|greater) than (\\S+)");
    /** vertx-json-schema: {@code String is too long (101 > 100)}, {@code String is too short (0 < 1)}. */
    private static final Pattern LENGTH = Pattern.compile("String is too (long|short) \\((\\d+) [<>] (\\d+)\\)");
    /** vertx-json-schema: {@code Array has too many items ( + 5 > 4)}, {@code Array has too few items ( + 0 < 1)}. */
    private static final Pattern ITEMS = Pattern.compile("Array has too (many|few) items \\( \\+ (\\d+) [<>] (\\d+)\\)");
    /**
     * vertx-json-schema 5.0.7 words {@code minProperties} and {@code maxProperties} alike:
     * {@code Instance does not have at least 50 properties}; the keyword tells them apart.
     */
    private static final Pattern PROPERTIES = Pattern.compile("Instance does not have at least (\\d+) properties");

    private ValidationFailures() {
    }

    /**
     * @param failure what {@code RequestValidator.validate} failed with
     * @param operation the operation validated
     * @return the error to answer with
     */
    static SwitchboardException toException(Throwable failure, Operation operation) {
        if (!(failure instanceof ValidatorException invalid)) {
            return new SwitchboardException(ErrorCode.TEL_900, "request validation failed: " + failure,
                    Map.of(), 500, failure);
        }
        String message = String.valueOf(invalid.getMessage());
        Parameter parameter = parameterNamedIn(message, operation);
        if (parameter != null) {
            String reason = invalid instanceof SchemaValidationException schema ? reason(schema.getOutputUnit())
                    : reasonOf(message);
            return field(parameter.getName(), reason);
        }
        if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
            return body(schema.getOutputUnit());
        }
        if (message.startsWith("Can't decode URL value")) {
            return field("query", "a value is not valid URL encoding (a % not followed by two hex digits)");
        }
        if (message.contains("required body")) {
            return field("body", "required (a JSON object)");
        }
        if (message.contains("can't be decoded")) {
            return field("body", "not valid JSON");
        }
        return field("body", message);
    }

    private static SwitchboardException body(OutputUnit unit) {
        OutputUnit chosen = mostSpecific(unit);
        String error = chosen.getError() == null ? "invalid" : chosen.getError();
        String pointer = pointer(chosen.getInstanceLocation());
        Matcher required = REQUIRED.matcher(error);
        if (required.find()) {
            return field(join(pointer, required.group(1)), "required");
        }
        if (ADDITIONAL.matcher(error).find()) {
            Matcher property = PROPERTY.matcher(error);
            String name = property.find() ? property.group(1) : "";
            return field(pointer.equals(name) || pointer.endsWith("/" + name) || name.isEmpty() ? pointer
                    : join(pointer, name), "unknown field");
        }
        return field(pointer.isEmpty() ? "body" : pointer, readable(chosen));
    }

    /**
     * vertx-json-schema lists the errors flat, the generic ones of the enclosing keywords
     * ({@code properties}, {@code items}, {@code $ref}) beside the specific one, and adds an
     * {@code additionalProperties} error for every property that failed its own schema.
     *
     * @return the specific error about the deepest value; an unknown field only when nothing else
     *     is wrong with that value
     */
    private static OutputUnit mostSpecific(OutputUnit unit) {
        List<OutputUnit> all = new ArrayList<>();
        flatten(unit, all);
        OutputUnit best = null;
        OutputUnit unknown = null;
        for (OutputUnit candidate : all) {
            String error = candidate.getError() == null ? "" : candidate.getError();
            if (GENERIC.matcher(error).matches() || error.equals(NOT_NULL)) {
                continue;
            }
            if (ADDITIONAL.matcher(error).find()) {
                unknown = deeper(unknown, candidate);
            } else {
                best = deeper(best, candidate);
            }
        }
        if (best != null) {
            return best;
        }
        if (unknown != null) {
            return unknown;
        }
        return all.isEmpty() ? unit : all.get(0);
    }

    private static OutputUnit deeper(OutputUnit current, OutputUnit candidate) {
        return current == null || depth(candidate) > depth(current) ? candidate : current;
    }

    private static int depth(OutputUnit unit) {
        String pointer = pointer(unit.getInstanceLocation());
        return pointer.isEmpty() ? 0 : pointer.split("/").length;
    }

    private static void flatten(OutputUnit unit, List<OutputUnit> into) {
        if (unit.getErrors() == null || unit.getErrors().isEmpty()) {
            if (unit.getError() != null) {
                into.add(unit);
            }
            return;
        }
        if (unit.getError() != null) {
            into.add(unit);
        }
        for (OutputUnit child : unit.getErrors()) {
            flatten(child, into);
        }
    }

    private static String reason(OutputUnit unit) {
        if (unit == null) {
            return "invalid";
        }
        OutputUnit chosen = mostSpecific(unit);
        return chosen.getError() == null ? "invalid" : readable(chosen);
    }

    /** @return the unit's error in the API's words ({@link #readable(String)}, and the keyword where the words are ambiguous) */
    private static String readable(OutputUnit unit) {
        String error = unit.getError() == null ? "" : unit.getError();
        Matcher properties = PROPERTIES.matcher(error);
        if (properties.matches()) {
            String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
            return (keyword.endsWith("maxProperties") ? "expected at most " : "expected at least ") + properties.group(1)
                    + " fields";
        }
        return readable(error);
    }

    /** @return vertx-json-schema's message in the API's words where it is one of the common ones */
    static String readable(String error) {
        Matcher type = TYPE.matcher(error);
        if (type.matches()) {
            return "expected " + type.group(2) + ", got " + type.group(1);
        }
        Matcher format = FORMAT.matcher(error);
        if (format.find()) {
            return switch (format.group(1)) {
                case "uuid" -> "expected a UUID";
                case "date-time" -> "expected an RFC 3339 timestamp such as 2026-12-01T00:00:00Z";
                default -> "expected the format " + format.group(1);
            };
        }
        if (error.contains("does not match pattern")) {
            return "not of the expected form (see its pattern in /openapi.yaml)";
        }
        Matcher choice = CHOICE.matcher(error);
        if (choice.matches()) {
            return "expected one of " + choice.group(1).replace("\"", "").replace(",", ", ");
        }
        Matcher bound = BOUND.matcher(error);
        if (bound.matches()) {
            return "expected " + (bound.group(2).equals("less") ? "at least " : "at most ") + bound.group(3) + ", got "
                    + bound.group(1);
        }
        Matcher length = LENGTH.matcher(error);
        if (length.matches()) {
            return "expected " + (length.group(1).equals("long") ? "at most " : "at least ") + length.group(3)
                    + " characters, got " + length.group(2);
        }
        Matcher items = ITEMS.matcher(error);
        if (items.matches()) {
            return "expected " + (items.group(1).equals("many") ? "at most " : "at least ") + items.group(3)
                    + " items, got " + items.group(2);
        }
        return error.isEmpty() ? "invalid" : Character.toLowerCase(error.charAt(0)) + error.substring(1);
    }

    private static String reasonOf(String message) {
        if (message.contains("does not contain the required")) {
            return "required";
        }
        return message;
    }

    /** @return the operation's parameter that the message names ({@code ... parameter <name> ...}) */
    private static Parameter parameterNamedIn(String message, Operation operation) {
        List<Parameter> candidates = new ArrayList<>(operation.getParameters());
        candidates.sort((a, b) -> b.getName().length() - a.getName().length());
        for (Parameter parameter : candidates) {
            Pattern named = Pattern.compile("parameter " + Pattern.quote(parameter.getName()) + "(?:[ .]|$)");
            if (named.matcher(message).find()) {
                return parameter;
            }
        }
        return null;
    }

    /** @return a JSON pointer ({@code #/a/b}, {@code /a/b}) as {@code a/b}, unescaped; "" for the root */
    static String pointer(String location) {
        if (location == null) {
            return "";
        }
        String path = location.startsWith("#") ? location.substring(1) : location;
        path = path.startsWith("/") ? path.substring(1) : path;
        return path.replace("~1", "/").replace("~0", "~");
    }

    private static String join(String pointer, String name) {
        return pointer.isEmpty() ? name : pointer + "/" + name;
    }

    private static SwitchboardException field(String field, String reason) {
        return SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": " + reason);
    }
}
