package io.switchboard.contract.call;

import io.switchboard.contract.model.CallState;
import java.util.Objects;

/**
 * Asks a carrier adapter to hang up or cancel one call
 * ({@link io.switchboard.contract.bus.Addresses#carrierHangup(String)}). The adapter replies with
 * an empty body once the carrier accepted, or fails with TEL-009 (the provider documents no
 * hang-up endpoint, e.g. Exotel) or TEL-006 (the carrier refused).
 *
 * @param callId Switchboard's call id
 * @param carrierCallId the carrier's id for the call
 * @param state the call's state as Switchboard knows it (providers cancel a ringing call but
 *     complete an answered one)
 */
public record HangupRequest(String callId, String carrierCallId, CallState state) {

    /** @throws NullPointerException if an argument is null */
    public HangupRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(carrierCallId, "carrierCallId");
        Objects.requireNonNull(state, "state");
    }
}
