package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How one {@link Attempt} on one carrier ended. JSON: lower snake case,
 * {@code "retryable_failure"}.
 *
 * <p>Whether a failure is retryable follows DESIGN section 5 (HTTP 5xx/429, timeout, connection
 * error, SIP 408/480/500/502/503/504 are; SIP 404/486/603/6xx and failures after the callee was
 * alerted are not); the carrier adapter classifies, this enum records the result.
 */
public enum AttemptOutcome {
    /** The carrier accepted and carried the request (the call connected, the message was sent). */
    SUCCESS,
    /** The carrier failed in a way that allows failover to the next candidate. */
    RETRYABLE_FAILURE,
    /** The carrier failed in a way that must not be retried elsewhere (busy, rejected, 6xx). */
    FINAL_FAILURE,
    /** The carrier did not answer in time; retryable. */
    TIMEOUT,
    /** The attempt was canceled by the caller or by Switchboard before it ended. */
    CANCELED;

    /** @return the JSON name: the name in lower case, e.g. {@code "retryable_failure"} */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * @param wire a wire name, e.g. {@code "retryable_failure"} (upper case accepted too)
     * @return the constant
     * @throws IllegalArgumentException if the name is null or unknown
     */
    @JsonCreator
    public static AttemptOutcome fromWire(String wire) {
        return WireNames.parse(AttemptOutcome.class, wire);
    }

    /**
     * @return true if the router may fail over to the next candidate ({@code RETRYABLE_FAILURE},
     *     {@code TIMEOUT})
     */
    public boolean isRetryable() {
        return this == RETRYABLE_FAILURE || this == TIMEOUT;
    }
}
