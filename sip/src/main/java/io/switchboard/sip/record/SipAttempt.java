package io.switchboard.sip.record;

import java.time.Instant;

/**
 * One branch of a proxied call (or one UAC try) on one trunk: what the edge knows of it, richer
 * than the contract's {@code Attempt} (reason phrase, PDD, duration). Mapped to the contract by
 * {@link AttemptMapping}.
 *
 * @param attemptId unique id of this attempt
 * @param callId the call's id (the caller's Call-ID)
 * @param carrier the trunk's carrier id
 * @param sequence 1-based position among the call's attempts
 * @param startedAt when the INVITE was sent
 * @param endedAt when the final response (or timeout, transport error) ended the branch
 * @param kind how the branch ended
 * @param sipCode the final SIP response code received (RFC 3261 §21), or null (timeout without
 *     response, transport error)
 * @param reason the reason phrase, or a description of a local failure
 * @param q850Cause ITU-T Q.850 cause from the response's Reason header (RFC 3326), or null
 * @param pddMs post-dial delay: INVITE sent to the first 18x (or to the final response when no
 *     18x came), ms; null when nothing came back
 * @param retryable whether the failure allowed failover (for the record; the proxy decided)
 * @param answeredAt when the 2xx arrived, or null
 * @param durationMs for an answered call that ended: 2xx to BYE, ms; null otherwise
 */
public record SipAttempt(String attemptId, String callId, String carrier, int sequence, Instant startedAt,
                         Instant endedAt, Kind kind, Integer sipCode, String reason, Integer q850Cause, Long pddMs,
                         boolean retryable, Instant answeredAt, Long durationMs) {

    /** How a branch ended. */
    public enum Kind {
        /** A 2xx arrived. */
        ANSWERED,
        /** A 3xx–6xx final response arrived. */
        REJECTED,
        /** No response within the per-attempt timeout (or RFC 3261 Timer B). */
        TIMEOUT,
        /** The request could not be sent or the connection failed (RFC 3261 §16.9: as a 503). */
        TRANSPORT_ERROR,
        /** The caller canceled (487), or the edge canceled after the ring timeout. */
        CANCELED
    }

    /**
     * @param endedAtBye when the BYE arrived
     * @return this answered attempt completed, with its duration from {@link #answeredAt} to BYE
     */
    public SipAttempt completed(Instant endedAtBye) {
        long duration = answeredAt == null ? 0 : Math.max(0, endedAtBye.toEpochMilli() - answeredAt.toEpochMilli());
        return new SipAttempt(attemptId, callId, carrier, sequence, startedAt, endedAt, kind, sipCode, reason,
                q850Cause, pddMs, retryable, answeredAt, duration);
    }
}
