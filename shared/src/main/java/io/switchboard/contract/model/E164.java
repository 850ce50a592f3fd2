package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A phone number in ITU-T E.164 form ({@code +} country code and subscriber number, at most 15
 * digits), valid for its region according to libphonenumber's metadata.
 *
 * <p>JSON: the plain string {@code "+14155550100"}. When read as a property of a JSON object, an
 * invalid number fails with a {@link SwitchboardException} ({@link ErrorCode#TEL_001}) naming that
 * property (e.g. {@code to}), as the cause of Jackson's mapping exception.
 *
 * <p>Immutable; equality is on {@link #value()}.
 */
@JsonDeserialize(using = E164.Deserializer.class)
public final class E164 {

    private static final PhoneNumberUtil PHONE_UTIL = PhoneNumberUtil.getInstance();
    /** Visual separators a client may send: spaces, dashes, dots, parentheses. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");
    /** E.164: {@code +}, a country code not starting with 0, at most 15 digits in all. */
    private static final Pattern SHAPE = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final int MAX_ECHO = 40;

    private final String value;
    private final String digits;
    private final int countryCode;
    private final String regionCode;
    private final NumberType numberType;

    private E164(String value, int countryCode, String regionCode, NumberType numberType) {
        this.value = value;
        this.digits = value.substring(1);
        this.countryCode = countryCode;
        this.regionCode = regionCode;
        this.numberType = numberType;
    }

    /**
     * Parses and validates a number. Spaces, dashes, dots and parentheses are ignored, and a
     * leading {@code 00} (the ITU-recommended international prefix) stands for {@code +}. A
     * national format without a country code is rejected: there is no default region. A national
     * trunk prefix after the country code ({@code +44 (0)20 ...}) is dropped by libphonenumber.
     *
     * @param field the request field the number came from, used in the message and in
     *     {@code details.field} of the error, e.g. {@code "to"}
     * @param raw the number as the client sent it, e.g. {@code "+1 (415) 555-0100"}
     * @return the number in canonical E.164 form
     * @throws SwitchboardException with {@link ErrorCode#TEL_001} and details
     *     {@code {"field": field}} if {@code raw} is null, blank, not in E.164 shape, or not a
     *     valid number for its region, e.g. {@code "to: '+1555' is not a valid E.164 number"}
     */
    public static E164 parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_001, field,
                    field + ": a phone number in E.164 form is required");
        }
        String candidate = SEPARATORS.matcher(raw).replaceAll("");
        if (candidate.startsWith("00")) {
            candidate = "+" + candidate.substring(2);
        }
        if (SHAPE.matcher(candidate).matches()) {
            try {
                PhoneNumber number = PHONE_UTIL.parse(candidate, "ZZ");
                if (PHONE_UTIL.isValidNumber(number)) {
                    return new E164(PHONE_UTIL.format(number, PhoneNumberFormat.E164),
                            number.getCountryCode(), PHONE_UTIL.getRegionCodeForNumber(number),
                            NumberType.of(PHONE_UTIL.getNumberType(number)));
                }
            } catch (NumberParseException e) {
                // reported below like any other invalid number
            }
        }
        throw SwitchboardException.invalidField(ErrorCode.TEL_001, field,
                field + ": '" + echo(raw) + "' is not a valid E.164 number");
    }

    /**
     * {@link #parse(String, String)} with the field name {@code "number"}.
     *
     * @param raw the number, e.g. {@code "+14155550100"}
     * @return the number
     * @throws SwitchboardException with {@link ErrorCode#TEL_001} if it is not a valid number
     */
    public static E164 parse(String raw) {
        return parse("number", raw);
    }

    private static String echo(String raw) {
        return raw.length() <= MAX_ECHO ? raw : raw.substring(0, MAX_ECHO) + "...";
    }

    /** @return the canonical E.164 form, e.g. {@code "+14155550100"}; also the JSON form */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * @return the digits without {@code +}, e.g. {@code "14155550100"}: what rate-deck prefixes
     *     and the longest-prefix match run on
     */
    public String digits() {
        return digits;
    }

    /** @return the ITU country calling code, e.g. 1 or 44 */
    public int countryCode() {
        return countryCode;
    }

    /**
     * @return the ISO 3166-1 alpha-2 region, e.g. {@code "US"}; {@code "001"} for non-geographic
     *     numbers such as {@code +800}
     */
    public String regionCode() {
        return regionCode;
    }

    /** @return the number's type per libphonenumber's metadata, e.g. {@link NumberType#MOBILE} */
    public NumberType numberType() {
        return numberType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof E164 that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return {@link #value()} */
    @Override
    public String toString() {
        return value;
    }

    /** Reads a JSON string, naming the JSON property being read in the error. */
    static final class Deserializer extends StdScalarDeserializer<E164> {

        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(E164.class);
        }

        @Override
        public E164 deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (E164) ctxt.handleUnexpectedToken(E164.class, p);
            }
            String field = p.currentName();
            return parse(field != null ? field : "number", p.getText());
        }
    }
}
