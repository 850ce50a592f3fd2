package io.switchboard.carrier.sandbox;

import java.util.Map;

/**
 * What a request to a sandbox carrier asks for, as its {@link ProviderSimulator} read it.
 *
 * @param kind the operation
 * @param error why the request is refused (authentication, a missing field, a bad number), or
 *     null when it is acceptable
 * @param to the destination number (create call, send message), E.164 with {@code +}, or null
 * @param from the caller or sender, or null
 * @param text the message text (send message), or null
 * @param callbacks where to send webhooks, by the provider's purpose ({@code status},
 *     {@code answer}, {@code hangup}); empty when the request names none
 * @param reference a correlation value the provider echoes in its webhooks (Telnyx
 *     {@code client_state}, Plivo/Exotel custom field, Sinch {@code custom}), or null
 * @param carrierId the carrier id a fetch or hang-up names, or null
 */
public record SimOperation(Kind kind, SimError error, String to, String from, String text,
                           Map<String, String> callbacks, String reference, String carrierId) {

    /** The operations a sandbox carrier serves. */
    public enum Kind {
        /** Create an outbound call. */
        CREATE_CALL,
        /** Send a text message. */
        SEND_MESSAGE,
        /** Read a call. */
        FETCH_CALL,
        /** Hang up or cancel a call. */
        HANG_UP,
        /** The cheap authenticated read the health-monitor probes. */
        PROBE,
        /** A path or method the provider does not serve. */
        UNKNOWN
    }

    /** Copies the callbacks. */
    public SimOperation {
        callbacks = callbacks == null ? Map.of() : Map.copyOf(callbacks);
    }

    /** @return a refused request of {@code kind} */
    public static SimOperation refused(Kind kind, SimError error) {
        return new SimOperation(kind, error, null, null, null, Map.of(), null, null);
    }

    /** @return an acceptable request for {@code carrierId} (fetch, hang-up) or for nothing (probe) */
    public static SimOperation on(Kind kind, String carrierId) {
        return new SimOperation(kind, null, null, null, null, Map.of(), null, carrierId);
    }
}
