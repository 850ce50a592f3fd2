package io.switchboard.carrier;

import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.Service;
import java.time.Instant;

/**
 * What one carrier webhook says, in the normalized model: a call's or a message's new state. The
 * provider's own word is kept in {@code rawStatus}.
 *
 * @param service {@code VOICE} or {@code SMS}
 * @param id Switchboard's call or message id (from the callback URL or a custom field), or null
 *     when the webhook does not carry it
 * @param carrierCallId the carrier's id for the call or message (Twilio {@code CallSid}, Telnyx
 *     {@code call_control_id}), or null
 * @param callState the call's new state (voice), else null
 * @param messageState the message's new state (SMS), else null
 * @param rawStatus the provider's status word ({@code no-answer}, {@code call.hangup/user_busy})
 * @param sipCode the SIP response code the carrier reported, or null
 * @param q850Cause the Q.850 cause the carrier reported, or null
 * @param durationS the call's duration from answer to hang-up in seconds (final voice events), or null
 * @param carrierCode the carrier's error code (Twilio {@code ErrorCode} 30003), or null
 * @param dedupeKey a key that is the same for a redelivered webhook (the provider's event id,
 *     or id + status), for deduplication
 * @param occurredAt when the carrier says it happened, or when it was received
 */
public record CarrierEvent(Service service, String id, String carrierCallId, CallState callState,
                           MessageState messageState, String rawStatus, Integer sipCode, Integer q850Cause,
                           Integer durationS, String carrierCode, String dedupeKey, Instant occurredAt) {

    /** @return a voice event with no SIP or Q.850 detail and no duration */
    public static CarrierEvent call(String id, String carrierCallId, CallState state, String rawStatus,
                                    String dedupeKey, Instant occurredAt) {
        return new CarrierEvent(Service.VOICE, id, carrierCallId, state, null, rawStatus, null, null, null, null,
                dedupeKey, occurredAt);
    }

    /** @return a message event with no carrier error code */
    public static CarrierEvent message(String id, String carrierMessageId, MessageState state, String rawStatus,
                                       String dedupeKey, Instant occurredAt) {
        return new CarrierEvent(Service.SMS, id, carrierMessageId, null, state, rawStatus, null, null, null, null,
                dedupeKey, occurredAt);
    }

    /** @return this event with the SIP code, Q.850 cause and duration (each may be null) */
    public CarrierEvent withDetail(Integer sip, Integer q850, Integer duration) {
        return new CarrierEvent(service, id, carrierCallId, callState, messageState, rawStatus, sip, q850, duration,
                carrierCode, dedupeKey, occurredAt);
    }

    /** @return this event with the carrier's error code */
    public CarrierEvent withCarrierCode(String code) {
        return new CarrierEvent(service, id, carrierCallId, callState, messageState, rawStatus, sipCode, q850Cause,
                durationS, code, dedupeKey, occurredAt);
    }
}
