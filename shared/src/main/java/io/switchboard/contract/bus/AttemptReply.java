package io.switchboard.contract.bus;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.AttemptOutcome;

/**
 * A carrier adapter's answer to an {@link AttemptRequest}: accepted, or failed with the carrier's
 * own codes and the adapter's classification (retryable or final, DESIGN §5).
 *
 * @param outcome {@code SUCCESS} when the carrier accepted; otherwise how it failed
 * @param carrierCallId the carrier's id for the call or message (SID, call_control_id), or null
 * @param cause the normalized cause of a failure (TEL-202 busy, TEL-006 carrier error, ...), or null
 * @param sipCode the SIP response code of a failure, or null
 * @param q850Cause the Q.850 cause of a failure, or null
 * @param carrierCode the carrier's own error code (Twilio 21211, Telnyx 10002, HTTP 503), or null
 * @param message the carrier's message, for people, or null
 */
public record AttemptReply(AttemptOutcome outcome, String carrierCallId, ErrorCode cause, Integer sipCode,
                           Integer q850Cause, String carrierCode, String message) {

    /** @return an acceptance with the carrier's id */
    public static AttemptReply accepted(String carrierCallId) {
        return new AttemptReply(AttemptOutcome.SUCCESS, carrierCallId, null, null, null, null, null);
    }
}
