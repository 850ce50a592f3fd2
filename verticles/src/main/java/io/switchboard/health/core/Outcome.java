package io.switchboard.health.core;

import java.util.Locale;

/**
 * How one attempt (a call, a message or a probe) on a carrier ended, as far as the carrier's
 * health is concerned. JSON: the name in lower case ({@link #wireName()}).
 *
 * <p>Only outcomes the carrier is responsible for belong here: a callee who is busy or a caller
 * who hangs up says nothing about the carrier and should not be recorded as a {@link #FAILURE}.
 */
public enum Outcome {
    /** The carrier carried the attempt (call answered/connected, message accepted, probe answered). */
    SUCCESS,
    /** The carrier failed the attempt, retryable or final (5xx, 429, 503, connection refused...). */
    FAILURE,
    /** The carrier did not answer in time. Counts as a failure in error rate and counters. */
    TIMEOUT;

    /** @return true for {@link #FAILURE} and {@link #TIMEOUT} */
    public boolean isFailure() {
        return this != SUCCESS;
    }

    /** @return the JSON name: the constant's name in lower case, e.g. {@code "timeout"} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
