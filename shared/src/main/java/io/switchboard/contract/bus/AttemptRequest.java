package io.switchboard.contract.bus;

import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;

/**
 * The router asks one carrier adapter to carry a request: sent to
 * {@link Addresses#carrier(String)}; the adapter replies with an {@link AttemptReply} (never a
 * bus failure for a carrier's own refusal).
 *
 * @param requestId the routing request's id
 * @param callId the call or message this attempt belongs to
 * @param sequence 1-based attempt number within the request
 * @param service the service
 * @param to the destination
 * @param from the caller's number, or null
 * @param tenantId the tenant, or null
 * @param carrier the carrier asked
 * @param matchedPrefix the deck prefix that priced the attempt
 * @param deckVersion the deck version that priced it
 * @param timeoutMs how long the router waits for the reply, ms
 * @param text the message text (SMS), or null for a call
 * @param callerName the caller-id name to present, or null
 * @param ringTimeoutS how long the callee may ring, s, or null for the adapter's default
 * @param record whether the carrier should record the call
 */
public record AttemptRequest(String requestId, String callId, int sequence, Service service, E164 to, E164 from,
                             String tenantId, String carrier, String matchedPrefix, long deckVersion, long timeoutMs,
                             String text, String callerName, Integer ringTimeoutS, boolean record) {

    /** An attempt without dial options; see the canonical constructor. */
    public AttemptRequest(String requestId, String callId, int sequence, Service service, E164 to, E164 from,
                          String tenantId, String carrier, String matchedPrefix, long deckVersion, long timeoutMs,
                          String text) {
        this(requestId, callId, sequence, service, to, from, tenantId, carrier, matchedPrefix, deckVersion, timeoutMs,
                text, null, null, false);
    }
}
