package io.switchboard.contract.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error that leaves Switchboard with a {@code TEL-xxx} code; {@link ErrorBody#of} turns it into
 * the wire body {@code {"error":{"code":..,"message":..,"details":{..}}}}.
 *
 * <p>The HTTP status is the code's ({@link ErrorCode#httpStatus()}) unless an override is given,
 * e.g. 413 for {@link ErrorCode#TEL_011} when the request body is too large.
 */
public class SwitchboardException extends RuntimeException {

    /** The error code. */
    private final ErrorCode code;
    /** Unmodifiable details in insertion order, possibly empty. */
    private final Map<String, Object> details;
    /** HTTP status replacing the code's, or 0 for none. */
    private final int httpStatusOverride;

    /**
     * @param code the error code
     * @param message the human-readable message; the code's {@link ErrorCode#meaning()} if null
     */
    public SwitchboardException(ErrorCode code, String message) {
        this(code, message, Map.of(), 0, null);
    }

    /**
     * @param code the error code
     * @param message the human-readable message; the code's {@link ErrorCode#meaning()} if null
     * @param details machine-readable details (snake_case keys by convention); copied, may be empty
     */
    public SwitchboardException(ErrorCode code, String message, Map<String, ?> details) {
        this(code, message, details, 0, null);
    }

    /**
     * @param code the error code
     * @param message the human-readable message; the code's {@link ErrorCode#meaning()} if null
     * @param details machine-readable details; copied in iteration order, null means empty; values
     *     may be null, keys may not
     * @param httpStatusOverride an HTTP status replacing the code's (e.g. 413), or 0 for none
     * @param cause the underlying exception, or null
     * @throws NullPointerException if {@code code} is null or a details key is null
     * @throws IllegalArgumentException if the override is neither 0 nor in 100..599
     */
    public SwitchboardException(ErrorCode code, String message, Map<String, ?> details,
            int httpStatusOverride, Throwable cause) {
        super(message != null ? message : Objects.requireNonNull(code, "code").meaning(), cause);
        this.code = Objects.requireNonNull(code, "code");
        if (httpStatusOverride != 0 && (httpStatusOverride < 100 || httpStatusOverride > 599)) {
            throw new IllegalArgumentException("not an HTTP status: " + httpStatusOverride);
        }
        this.httpStatusOverride = httpStatusOverride;
        Map<String, Object> copy = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "details key"), v));
        }
        this.details = Collections.unmodifiableMap(copy);
    }

    /**
     * A validation error about one request field: {@code details} is {@code {"field": field}}.
     *
     * @param code the error code, typically {@link ErrorCode#TEL_001} or {@link ErrorCode#TEL_011}
     * @param field the request field name as the client sent it, e.g. {@code "to"}
     * @param message the message, by convention prefixed with the field: {@code "to: ..."}
     * @return the exception (not thrown)
     */
    public static SwitchboardException invalidField(ErrorCode code, String field, String message) {
        return new SwitchboardException(code, message, Map.of("field", field));
    }

    /** @return the error code */
    public ErrorCode code() {
        return code;
    }

    /** @return the unmodifiable details, in insertion order; may be empty, never null */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * @return the HTTP status to answer with: the override if one was given, else
     *     {@link ErrorCode#httpStatus()} (0 for an event-only code)
     */
    public int httpStatus() {
        return httpStatusOverride != 0 ? httpStatusOverride : code.httpStatus();
    }

    @Override
    public String toString() {
        return code.code() + ": " + getMessage() + (details.isEmpty() ? "" : " " + details);
    }
}
