package io.switchboard.contract.model;

import io.switchboard.contract.error.ErrorCode;
import java.time.Instant;
import java.util.Objects;

/**
 * One try of one request (call or message) on one carrier (DESIGN section 4); a request that fails
 * over has several, numbered from 1. The cdr-writer stores one row per attempt.
 *
 * <p>The normalized cause is a {@link ErrorCode}, service-agnostic and the same vocabulary as the
 * events, e.g. {@code TEL-202} (busy), {@code TEL-203} (no answer), {@code TEL-204} (rejected),
 * {@code TEL-201} (call failed), {@code TEL-007} (timeout), {@code TEL-006} (carrier error),
 * {@code TEL-003} (carrier rate limit), {@code TEL-102} (SMS content blocked). The raw evidence is
 * kept beside it: SIP code, Q.850 cause and the carrier's own code.
 *
 * @param attemptId unique id of this attempt
 * @param callId id of the call (or message) this attempt belongs to
 * @param carrier the carrier id, e.g. {@code "telnyx"}
 * @param sequence 1-based position of this attempt within the request
 * @param startedAt when the request was sent to the carrier (UTC)
 * @param endedAt when the attempt ended (UTC), or null while in progress
 * @param outcome how it ended, or null while in progress
 * @param cause normalized cause of a failure, or null (success, in progress, or unknown)
 * @param sipCode final SIP response code (RFC 3261 section 21, 100..699), or null
 * @param q850Cause ITU-T Q.850 cause value (0..127), or null
 * @param carrierCode the provider's own status or error code as sent, e.g. Twilio
 *     {@code "21211"} or Telnyx {@code "user_busy"}, or null
 * @param carrierCallId the provider's id of the call or message, e.g. a Twilio {@code CA...} SID,
 *     or null when the carrier never assigned one
 * @param cost exact cost of this attempt, or null if not (yet) known
 * @param matchedPrefix the rate-deck prefix that priced the attempt (its destination group for
 *     per-destination health), or null when unknown
 * @param pddMs post-dial delay: from the request to the first ringing indication (SIP 18x), ms, or
 *     null when not measured
 */
public record Attempt(
        String attemptId,
        String callId,
        String carrier,
        int sequence,
        Instant startedAt,
        Instant endedAt,
        AttemptOutcome outcome,
        ErrorCode cause,
        Integer sipCode,
        Integer q850Cause,
        String carrierCode,
        String carrierCallId,
        Money cost,
        String matchedPrefix,
        Long pddMs) {

    /**
     * Validates the components.
     *
     * @param attemptId unique id of this attempt
     * @param callId id of the call (or message) this attempt belongs to
     * @param carrier the carrier id, e.g. {@code "telnyx"}
     * @param sequence 1-based position of this attempt within the request
     * @param startedAt when the request was sent to the carrier (UTC)
     * @param endedAt when the attempt ended (UTC), or null while in progress
     * @param outcome how it ended, or null while in progress
     * @param cause normalized cause of a failure, or null (success, in progress, or unknown)
     * @param sipCode final SIP response code (RFC 3261 section 21, 100..699), or null
     * @param q850Cause ITU-T Q.850 cause value (0..127), or null
     * @param carrierCode the provider's own status or error code as sent, e.g. Twilio
     *     {@code "21211"} or Telnyx {@code "user_busy"}, or null
     * @param carrierCallId the provider's id of the call or message, e.g. a Twilio {@code CA...}
     *     SID, or null when the carrier never assigned one
     * @param cost exact cost of this attempt, or null if not (yet) known
     * @param matchedPrefix the rate-deck prefix that priced the attempt, or null
     * @param pddMs post-dial delay, ms, or null
     * @throws NullPointerException if {@code attemptId}, {@code callId}, {@code carrier} or
     *     {@code startedAt} is null
     * @throws IllegalArgumentException if {@code sequence < 1}, {@code endedAt} is before
     *     {@code startedAt}, {@code outcome} and {@code endedAt} are not both set or both null, or
     *     the SIP code or Q.850 cause is out of range
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public Attempt {
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(startedAt, "startedAt");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence is 1-based: " + sequence);
        }
        if ((endedAt == null) != (outcome == null)) {
            throw new IllegalArgumentException("an ended attempt has both endedAt and outcome");
        }
        if (endedAt != null && endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("ended " + endedAt + " before start " + startedAt);
        }
        if (sipCode != null && (sipCode < 100 || sipCode > 699)) {
            throw new IllegalArgumentException("not a SIP response code: " + sipCode);
        }
        if (pddMs != null && pddMs < 0) {
            throw new IllegalArgumentException("negative post-dial delay: " + pddMs);
        }
        if (q850Cause != null && (q850Cause < 0 || q850Cause > 127)) {
            throw new IllegalArgumentException("not a Q.850 cause value: " + q850Cause);
        }
    }

    /**
     * An attempt whose matched prefix and post-dial delay are not known; see the canonical
     * constructor for the components.
     */
    public Attempt(String attemptId, String callId, String carrier, int sequence, Instant startedAt, Instant endedAt,
                   AttemptOutcome outcome, ErrorCode cause, Integer sipCode, Integer q850Cause, String carrierCode,
                   String carrierCallId, Money cost) {
        this(attemptId, callId, carrier, sequence, startedAt, endedAt, outcome, cause, sipCode, q850Cause, carrierCode,
                carrierCallId, cost, null, null);
    }

    /**
     * @param attemptId unique id of this attempt
     * @param callId the call or message id
     * @param carrier the carrier id
     * @param sequence 1-based position within the request
     * @param startedAt when the request was sent (UTC)
     * @return an attempt in progress (no end, outcome or evidence yet)
     */
    public static Attempt started(String attemptId, String callId, String carrier, int sequence,
            Instant startedAt) {
        return new Attempt(attemptId, callId, carrier, sequence, startedAt, null, null, null,
                null, null, null, null, null, null, null);
    }
}
