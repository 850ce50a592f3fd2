package io.switchboard.carrier;

import io.switchboard.contract.model.E164;

/**
 * A call to place through one carrier: one attempt of one Switchboard call.
 *
 * @param callId Switchboard's call id; the provider puts it where its webhooks bring it back (the
 *     status-callback URL path, or a custom field)
 * @param sequence the attempt's number within the call, 1-based
 * @param to the callee
 * @param from the caller id presented
 * @param callerName the caller-id name, or null
 * @param ringTimeoutS how long the carrier lets the callee ring, seconds
 * @param record whether the carrier should record the call
 */
public record OutboundCall(String callId, int sequence, E164 to, E164 from, String callerName, int ringTimeoutS,
                           boolean record) {
}
