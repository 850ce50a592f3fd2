package io.switchboard.health;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Set;

/**
 * The destination group of a rate-deck prefix for per-destination health: the E.164 country
 * calling code it starts with ({@code 4420} → {@code 44}, {@code 1212} → {@code 1}), taken from
 * libphonenumber's list of supported calling codes (ITU-T E.164 assignments).
 */
public final class DestinationGroups {

    private static final Set<Integer> CODES = PhoneNumberUtil.getInstance().getSupportedCallingCodes();

    private DestinationGroups() {
    }

    /**
     * @param prefix a prefix of E.164 digits, or null
     * @return its country calling code, or null when the prefix is null, not digits, or starts
     *     with no assigned code
     */
    public static String of(String prefix) {
        if (prefix == null || !prefix.matches("[0-9]+")) {
            return null;
        }
        for (int length = 1; length <= Math.min(3, prefix.length()); length++) {
            String code = prefix.substring(0, length);
            if (CODES.contains(Integer.parseInt(code))) {
                return code;
            }
        }
        return null;
    }
}
