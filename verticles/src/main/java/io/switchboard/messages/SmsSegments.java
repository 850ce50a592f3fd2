package io.switchboard.messages;

import java.util.Objects;

/**
 * The exact number of SMS segments (parts) a message body is sent as, which is what carriers bill.
 *
 * <p>Source: 3GPP TS 23.038 section 6.2.1 (GSM 7-bit default alphabet, table 6.2.1) and section
 * 6.2.1.1 (default alphabet extension table); part sizes from 3GPP TS 23.040 (140-octet user
 * data, of which a 6-octet concatenation header is taken in every part of a multi-part message).
 *
 * <ul>
 *   <li>If every character is in the GSM 7-bit basic table (1 septet) or its extension table
 *       (2 septets: ESC + code, for form feed {@code ^ { } \ [ ~ ] |} and {@code €}), the body is
 *       {@link Encoding#GSM7}: 160 septets fit one segment, otherwise parts of 153 septets. An
 *       escape pair is never split: a part that would end on a lone ESC ends one septet short
 *       and the pair starts the next part.
 *   <li>Otherwise the body is {@link Encoding#UCS2}: 70 UTF-16 code units fit one segment,
 *       otherwise parts of 67. A character outside the BMP (e.g. an emoji) is a surrogate pair
 *       and counts 2; a pair is never split, so such a part may hold 66 units. An unpaired
 *       surrogate (malformed UTF-16) counts 1.
 * </ul>
 *
 * <p>The basic table follows the standard, not the Unicode consortium's GSM0338.TXT mapping:
 * code 0x09 is capital {@code Ç} (U+00C7); small {@code ç} (U+00E7) is in neither table, so it
 * makes a body UCS-2. Likewise {@code $} is in the table (0x02) but the backtick {@code `} is not.
 * National language shift tables (TS 23.038 section 6.2.1.2) are not used.
 *
 * <p>The count is not limited here: a body over {@link #MAX_SEGMENTS} still gets its exact
 * count, and the API layer refuses it.
 */
public final class SmsSegments {

    /** The most segments a message may have; enforced by the API layer, not by this class. */
    public static final int MAX_SEGMENTS = 10;

    /** Septets in a single-segment GSM 7-bit message. */
    static final int GSM7_SINGLE = 160;
    /** Septets in each part of a multi-part GSM 7-bit message. */
    static final int GSM7_PART = 153;
    /** UTF-16 code units in a single-segment UCS-2 message. */
    static final int UCS2_SINGLE = 70;
    /** UTF-16 code units in each part of a multi-part UCS-2 message. */
    static final int UCS2_PART = 67;

    /** Table 6.2.1, codes 0x00 to 0x7F in order; 0x1B (ESC) is a placeholder never matched. */
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    /** Characters of the extension table (6.2.1.1), each sent as ESC + code. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    /** How a body is encoded on the air interface. */
    public enum Encoding {
        /** GSM 7-bit default alphabet; units are septets. */
        GSM7,
        /** UCS-2 (UTF-16 code units on the wire); units are 16-bit code units. */
        UCS2
    }

    /**
     * The segmentation of one body.
     *
     * @param encoding GSM7 or UCS2
     * @param units septets (GSM7, extension characters counting 2) or UTF-16 code units (UCS2,
     *     non-BMP characters counting 2), before splitting into parts
     * @param segments the number of segments billed, at least 1
     */
    public record Segmentation(Encoding encoding, int units, int segments) {
    }

    /**
     * Computes the encoding, size and segment count of a body.
     *
     * <p>An empty body is GSM7, 0 units, 1 segment: carriers send and bill an empty message as
     * one segment.
     *
     * @param body the message text, as Java UTF-16
     * @return its segmentation
     * @throws NullPointerException with message {@code "body"} when body is null
     */
    public static Segmentation of(String body) {
        Objects.requireNonNull(body, "body");
        return isGsm7(body) ? gsm7(body) : ucs2(body);
    }

    private static boolean isGsm7(String body) {
        for (int i = 0; i < body.length(); i++) {
            if (septets(body.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** 1 for a basic-table character, 2 for an extension-table character, 0 for neither. */
    private static int septets(char c) {
        if (c != '\u001B' && BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return EXTENSION.indexOf(c) >= 0 ? 2 : 0;
    }

    private static Segmentation gsm7(String body) {
        int units = 0;
        for (int i = 0; i < body.length(); i++) {
            units += septets(body.charAt(i));
        }
        if (units <= GSM7_SINGLE) {
            return new Segmentation(Encoding.GSM7, units, 1);
        }
        int parts = 1;
        int inPart = 0;
        for (int i = 0; i < body.length(); i++) {
            int cost = septets(body.charAt(i));
            if (inPart + cost > GSM7_PART) {
                parts++;
                inPart = 0;
            }
            inPart += cost;
        }
        return new Segmentation(Encoding.GSM7, units, parts);
    }

    private static Segmentation ucs2(String body) {
        int units = body.length();
        if (units <= UCS2_SINGLE) {
            return new Segmentation(Encoding.UCS2, units, 1);
        }
        int parts = 1;
        int inPart = 0;
        int i = 0;
        while (i < units) {
            int cost = Character.charCount(body.codePointAt(i));
            if (inPart + cost > UCS2_PART) {
                parts++;
                inPart = 0;
            }
            inPart += cost;
            i += cost;
        }
        return new Segmentation(Encoding.UCS2, units, parts);
    }
}
