package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The normalized state of a message (SMS/MMS). JSON: lower case, {@code "delivered"}. Provider
 * words (Twilio {@code undelivered}, Sinch {@code Dispatched}, Vonage DLR {@code delivered}) are
 * mapped to it by each carrier adapter.
 *
 * <p>Lifecycle: {@code QUEUED -> SENT -> DELIVERED}, or {@code FAILED} from any non-final state.
 */
public enum MessageState {
    /** Accepted by Switchboard or the carrier, not yet handed on. */
    QUEUED,
    /** The carrier handed the message to the network. */
    SENT,
    /** Final: the network confirmed delivery to the handset. */
    DELIVERED,
    /** Final: the message could not be sent or delivered (undelivered, rejected, expired). */
    FAILED;

    /** @return true for {@code DELIVERED} and {@code FAILED} */
    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }

    /** @return the JSON name, e.g. {@code "delivered"} */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * @param wire a wire name, e.g. {@code "sent"} (upper case accepted too)
     * @return the constant
     * @throws IllegalArgumentException if the name is null or unknown
     */
    @JsonCreator
    public static MessageState fromWire(String wire) {
        return WireNames.parse(MessageState.class, wire);
    }
}
