package io.switchboard.contract.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of every error that leaves Switchboard, exactly
 * {@code {"error":{"code":"TEL-001","message":"...","details":{...}}}} through
 * {@link io.switchboard.contract.Json#mapper()}; {@code details} is always present (possibly
 * {@code {}}). Shape from {@code ../shared/reference/error-codes.md}.
 *
 * @param error the error
 */
public record ErrorBody(Problem error) {

    /**
     * Validates the components.
     *
     * @param error the error
     * @throws NullPointerException if {@code error} is null
     */
    public ErrorBody {
        Objects.requireNonNull(error, "error");
    }

    /**
     * @param exception a Switchboard error
     * @return its body (the HTTP status is {@link SwitchboardException#httpStatus()})
     */
    public static ErrorBody of(SwitchboardException exception) {
        return new ErrorBody(new Problem(exception.code().code(), exception.getMessage(),
                exception.details()));
    }

    /**
     * @param code the error code
     * @param message the message; the code's {@link ErrorCode#meaning()} if null
     * @param details the details, may be null (empty)
     * @return the body
     */
    public static ErrorBody of(ErrorCode code, String message, Map<String, ?> details) {
        return of(new SwitchboardException(code, message, details));
    }

    /**
     * The {@code error} object. A string code (not {@link ErrorCode}) so that a client can read a
     * body carrying a code newer than its jar.
     *
     * @param code the wire code, e.g. {@code "TEL-001"}
     * @param message human-readable message
     * @param details machine-readable details; copied, unmodifiable, never null
     */
    public record Problem(String code, String message, Map<String, Object> details) {

        /**
         * Validates the components.
         *
         * @param code the wire code, e.g. {@code "TEL-001"}
         * @param message human-readable message
         * @param details machine-readable details; copied, unmodifiable, never null
         * @throws NullPointerException if {@code code} or {@code message} is null
         */
        public Problem {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            details = details == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }
}
