package io.switchboard.router.deck;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the prefix cell of a deck row into E.164 prefixes (digits, no {@code +}).
 *
 * <p>Two modes: {@link #single} for strict layouts (the cell is one prefix of 1–16 digits, as in
 * the A–Z layout) and {@link #list} for what suppliers send: codes separated by {@code ,} or
 * {@code ;} ({@code "49152, 49162"}, {@code 234803; 234806}), ranges expanded to every prefix
 * ({@code 447400-447409} → 447400 … 447409; both ends must have the same number of digits),
 * blanks inside a code removed ({@code 336 07} → {@code 33607}), an en dash read as {@code -}, and a leading {@code +} dropped
 * ({@code +521} → {@code 521}). The order of the cell is kept; ranges expand ascending.
 */
final class DialCodes {

    /** Longest prefix accepted, digits (E.164 numbers have at most 15; one spare for carrier routing codes). */
    static final int MAX_DIGITS = 16;
    /** Most prefixes one cell may produce, ranges included. */
    static final int MAX_PREFIXES = 10_000;

    private DialCodes() {
    }

    /**
     * One strict prefix.
     *
     * @return a one-element list with the trimmed cell
     * @throws RowException empty, not all digits, or longer than {@value #MAX_DIGITS} digits
     */
    static List<String> single(String column, String cell) throws RowException {
        String v = cell == null ? "" : cell.trim();
        if (v.isEmpty()) {
            throw new RowException(column + ": empty");
        }
        return List.of(digits(column, v));
    }

    /**
     * A list of codes and ranges.
     *
     * @return the prefixes in cell order, at least one
     * @throws RowException the cell has no code; a code is not digits or too long; a range is
     *     reversed, has ends of different lengths, or the cell would expand to more than
     *     {@value #MAX_PREFIXES} prefixes
     */
    static List<String> list(String column, String cell) throws RowException {
        String v = cell == null ? "" : cell.trim();
        List<String> out = new ArrayList<>();
        for (String token : v.split("[,;]")) {
            String code = stripBlanks(token);
            if (code.startsWith("+")) {
                code = code.substring(1);
            }
            if (code.isEmpty()) {
                continue;
            }
            int dash = code.indexOf('-');
            if (dash < 0) {
                out.add(digits(column, code));
            } else {
                expand(column, code, dash, out);
            }
            if (out.size() > MAX_PREFIXES) {
                throw new RowException(column + ": too many prefixes (more than " + MAX_PREFIXES + ")");
            }
        }
        if (out.isEmpty()) {
            throw new RowException(column + ": empty");
        }
        return out;
    }

    private static void expand(String column, String range, int dash, List<String> out) throws RowException {
        String lo = range.substring(0, dash);
        String hi = range.substring(dash + 1);
        if (hi.startsWith("+")) {
            hi = hi.substring(1);
        }
        if (lo.isEmpty() || hi.isEmpty() || !allDigits(lo) || !allDigits(hi)) {
            throw new RowException(column + ": range " + Fields.quote(range) + " is not digits-digits");
        }
        if (lo.length() != hi.length()) {
            throw new RowException(column + ": range " + range + " has ends of different lengths");
        }
        digits(column, lo); // length check
        long a = Long.parseLong(lo);
        long b = Long.parseLong(hi);
        if (a > b) {
            throw new RowException(column + ": range " + range + " is reversed");
        }
        if (b - a + 1 > MAX_PREFIXES - out.size()) {
            throw new RowException(column + ": range " + range + " too large (more than " + MAX_PREFIXES + " prefixes)");
        }
        String format = "%0" + lo.length() + "d";
        for (long n = a; n <= b; n++) {
            out.add(String.format(format, n));
        }
    }

    private static String digits(String column, String code) throws RowException {
        if (!allDigits(code)) {
            throw new RowException(column + ": " + Fields.quote(code) + " is not digits");
        }
        if (code.length() > MAX_DIGITS) {
            throw new RowException(column + ": " + Fields.quote(code) + " is longer than " + MAX_DIGITS + " digits");
        }
        return code;
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripBlanks(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u2013' || c == '\u2012') {
                b.append('-'); // en dash / figure dash typed by spreadsheets
            } else if (!Character.isWhitespace(c) && c != '\u00A0') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
