package io.switchboard.carrier.sandbox;

import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;

/**
 * A step a sandbox carrier reports in webhooks: a call state or a message state, with the SIP
 * code a real carrier would report for it.
 *
 * @param callState the call's new state, or null for a message
 * @param messageState the message's new state, or null for a call
 * @param sipCode the SIP final response code for final call states (200, 486, 480, 503, 487), or null
 */
public record SimEvent(CallState callState, MessageState messageState, Integer sipCode) {

    /** @return a call progress step */
    public static SimEvent call(CallState state, Integer sipCode) {
        return new SimEvent(state, null, sipCode);
    }

    /** @return a message progress step */
    public static SimEvent message(MessageState state) {
        return new SimEvent(null, state, null);
    }
}
