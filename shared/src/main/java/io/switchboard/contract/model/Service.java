package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A kind of traffic Switchboard routes; rate decks, carrier offers and route plans are per service.
 * JSON: lower case, {@code "voice"}.
 */
public enum Service {
    /** A voice call, billed per minute with a billing increment. */
    VOICE,
    /** An SMS, billed per message (segment). */
    SMS,
    /** An MMS, billed per message. */
    MMS,
    /** A fax (carrier fax API or T.38 over a SIP trunk). */
    FAX;

    /** @return the JSON name: the constant's name in lower case, e.g. {@code "voice"} */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * @param wire a wire name, e.g. {@code "voice"} (upper case accepted too)
     * @return the constant
     * @throws IllegalArgumentException if the name is null or unknown
     */
    @JsonCreator
    public static Service fromWire(String wire) {
        return WireNames.parse(Service.class, wire);
    }
}
