package io.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import java.net.URI;

/**
 * Field rules shared by the API's doors that receive typed requests (gRPC, the event-bus gateway):
 * the same limits as the REST bodies ({@code JsonBody}), each failure a TEL-011
 * {@link SwitchboardException} whose message starts with the field name and whose
 * {@code details.field} names it.
 */
public final class FieldRules {

    private FieldRules() {
    }

    /**
     * @param field the field's name in the caller's vocabulary, e.g. {@code caller_name}
     * @param value the text, not null
     * @param maxLength most characters allowed
     * @return {@code value}
     * @throws SwitchboardException TEL-011 when longer than {@code maxLength} or holding control
     *     characters other than tab, CR and LF
     */
    public static String text(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field,
                    field + ": expected 1 to " + maxLength + " characters, got " + value.length());
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": control characters are not allowed");
        }
        return value;
    }

    /**
     * @return {@code raw}, an absolute http(s) URL of at most 2048 characters
     * @throws SwitchboardException TEL-011 otherwise
     */
    public static String url(String field, String raw) {
        text(field, raw, 2048);
        try {
            URI uri = new URI(raw);
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return raw;
            }
        } catch (Exception e) {
            // reported below
        }
        throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": expected an absolute http(s) URL");
    }

    /**
     * @return {@code value}, a JSON object of at most {@code maxBytes} characters serialized
     * @throws SwitchboardException TEL-011 otherwise
     */
    public static JsonNode object(String field, JsonNode value, int maxBytes) {
        if (!value.isObject() || value.toString().length() > maxBytes) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field,
                    field + ": expected a JSON object of at most " + maxBytes + " bytes");
        }
        return value;
    }

    /**
     * @return {@code value}
     * @throws SwitchboardException TEL-011 when outside {@code min..max}
     */
    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field,
                    field + ": expected a whole number from " + min + " to " + max + ", got " + value);
        }
        return value;
    }
}
