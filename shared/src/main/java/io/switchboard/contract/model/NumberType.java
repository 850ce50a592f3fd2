package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * The type of an {@link E164} number, as libphonenumber classifies it from its region's metadata
 * (same constants as {@code PhoneNumberUtil.PhoneNumberType}, so the contract does not expose
 * libphonenumber). JSON: lower snake case, {@code "fixed_line_or_mobile"}.
 */
public enum NumberType {
    /** A geographic fixed line. */
    FIXED_LINE,
    /** A mobile number. */
    MOBILE,
    /** Either, where the numbering plan does not tell them apart (e.g. NANP, +1). */
    FIXED_LINE_OR_MOBILE,
    /** Free phone (e.g. +1 800, +800). */
    TOLL_FREE,
    /** Premium rate. */
    PREMIUM_RATE,
    /** Shared cost (caller and callee split the charge). */
    SHARED_COST,
    /** Voice over IP. */
    VOIP,
    /** Personal number (follow-me). */
    PERSONAL_NUMBER,
    /** Pager. */
    PAGER,
    /** Universal access number (company number). */
    UAN,
    /** Voicemail access number. */
    VOICEMAIL,
    /** Valid, but not classified by the metadata. */
    UNKNOWN;

    /** @return the JSON name, e.g. {@code "mobile"} */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * @param wire a wire name, e.g. {@code "mobile"} (upper case accepted too)
     * @return the constant
     * @throws IllegalArgumentException if the name is null or unknown
     */
    @JsonCreator
    public static NumberType fromWire(String wire) {
        return WireNames.parse(NumberType.class, wire);
    }

    static NumberType of(PhoneNumberType type) {
        try {
            return valueOf(type.name());
        } catch (IllegalArgumentException newerLibphonenumberType) {
            return UNKNOWN;
        }
    }
}
