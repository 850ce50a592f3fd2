package io.switchboard.carrier;

import io.switchboard.contract.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Why a carrier refused or failed a request, classified for failover (DESIGN section 5 and the
 * retry table, section 10 of {@code carrier-wire-formats.md}): 429, 5xx, timeouts and connection
 * errors are retryable; other 4xx (invalid number, authentication, insufficient funds) are final.
 *
 * @param retryable whether the router may try the next candidate
 * @param httpStatus the HTTP status, or 0 when no response arrived (timeout, connection error)
 * @param carrierCode the carrier's own error code ({@code 21211}, {@code 10002}), or the HTTP
 *     status as text when the body has none
 * @param message the carrier's message, for people
 * @param cause the normalized cause: {@code TEL-001} invalid number, {@code TEL-007} timeout,
 *     otherwise {@code TEL-006} carrier error
 * @param retryAfterMs the wait the carrier asked for ({@code Retry-After}), ms, or null
 */
public record CarrierFailure(boolean retryable, int httpStatus, String carrierCode, String message,
                             ErrorCode cause, Long retryAfterMs) {

    /**
     * The default classification of an HTTP error status, for a provider to refine with its body.
     *
     * @param status the HTTP status (4xx or 5xx)
     * @param carrierCode the carrier's code, or null to use the status
     * @param message the carrier's message, or null
     * @param retryAfter the {@code Retry-After} header (seconds or an HTTP date), or null
     * @param now the current time, to turn an HTTP date into a wait
     * @return retryable for 429 and 5xx, final otherwise; cause {@code TEL-006}
     */
    public static CarrierFailure ofHttp(int status, String carrierCode, String message, String retryAfter,
                                        Instant now) {
        boolean retryable = status == 429 || status >= 500;
        return new CarrierFailure(retryable, status, carrierCode == null ? String.valueOf(status) : carrierCode,
                message == null ? "HTTP " + status : message, ErrorCode.TEL_006, retryAfterMs(retryAfter, now));
    }

    /** @return a retryable failure for a request that got no answer in {@code timeoutMs} */
    public static CarrierFailure timeout(long timeoutMs) {
        return new CarrierFailure(true, 0, "timeout", "no response in " + timeoutMs + " ms", ErrorCode.TEL_007, null);
    }

    /** @return a retryable failure for a connection that could not be made or broke */
    public static CarrierFailure connection(String detail) {
        return new CarrierFailure(true, 0, "connection", detail, ErrorCode.TEL_006, null);
    }

    /** @return this failure with another normalized cause (e.g. {@code TEL-001} for a bad number) */
    public CarrierFailure withCause(ErrorCode code) {
        return new CarrierFailure(retryable, httpStatus, carrierCode, message, code, retryAfterMs);
    }

    /** @return this failure, final (not retryable) */
    public CarrierFailure asFinal() {
        return new CarrierFailure(false, httpStatus, carrierCode, message, cause, retryAfterMs);
    }

    /**
     * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.
     *
     * @return the wait in ms (never negative), or null when absent or unreadable
     */
    public static Long retryAfterMs(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(now, at).toMillis());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
