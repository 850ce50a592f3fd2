package io.switchboard.sip.trunk;

import io.switchboard.contract.model.E164;
import java.util.Locale;

/**
 * How a trunk wants the called number in the Request-URI's user part (the trunk's
 * {@code number_format} setting).
 */
public enum NumberFormat {
    /** E.164 with the plus sign: {@code +442071838750}. */
    E164,
    /** The E.164 digits without the plus sign: {@code 442071838750}. */
    DIGITS,
    /** The national significant number with the national prefix, digits only: {@code 02071838750}. */
    NATIONAL_DIGITS;

    /**
     * @param number a validated number
     * @return the user part for this format (before the trunk's tech prefix)
     */
    public String format(E164 number) {
        return switch (this) {
            case E164 -> number.value();
            case DIGITS -> number.digits();
            case NATIONAL_DIGITS -> {
                var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
                try {
                    var parsed = util.parse(number.value(), null);
                    yield util.format(parsed, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
                            .replaceAll("[^0-9]", "");
                } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                    yield number.digits();
                }
            }
        };
    }

    /**
     * @param text {@code e164}, {@code digits} or {@code national-digits}
     * @return the format
     * @throws IllegalArgumentException for anything else
     */
    public static NumberFormat parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "e164" -> E164;
            case "digits" -> DIGITS;
            case "national-digits" -> NATIONAL_DIGITS;
            default -> throw new IllegalArgumentException(
                    "number_format must be e164, digits or national-digits, got '" + text + "'");
        };
    }
}
