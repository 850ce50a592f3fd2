package io.switchboard.router.deck;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * Parsers for single deck fields. Every method takes the column name as written in the source
 * header, so that a failure reads {@code <column>: '<value>' <problem>}; every failure is a
 * {@link RowException}. Values are trimmed first.
 */
final class Fields {

    /** Combined billing cell: {@code 60/1}, {@code 60 / 60}. */
    private static final Pattern BILLING = Pattern.compile("([0-9]+)\\s*/\\s*([0-9]+)");
    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");
    /** Longest value quoted in a reason; longer ones are cut with an ellipsis. */
    private static final int QUOTE_MAX = 40;

    private Fields() {
    }

    /**
     * A non-negative amount of money.
     *
     * @param column column name for the reason
     * @param text cell text, e.g. {@code 0.0495} or {@code .05}
     * @return the exact decimal value, scale as written (never a {@code double} on the way)
     * @throws RowException empty, negative, a ',' decimal separator (ambiguous in CSV, refused), or not a number
     */
    static BigDecimal money(String column, String text) throws RowException {
        String v = text == null ? "" : text.trim();
        if (v.isEmpty()) {
            throw new RowException(column + ": empty");
        }
        if (plainDecimal(v)) {
            return new BigDecimal(v);
        }
        if (v.startsWith("-") && plainDecimal(v.substring(1))) {
            throw new RowException(column + ": " + quote(v) + " is negative");
        }
        if (v.indexOf(',') >= 0) {
            throw new RowException(column + ": " + quote(v)
                    + " uses ',' as decimal separator; only '.' is accepted");
        }
        throw new RowException(column + ": " + quote(v) + " is not a number");
    }

    /** @return whether {@code v} is digits with an optional '.' fraction, or a bare {@code .5}: no sign, exponent or ',' */
    static boolean plainDecimal(String v) {
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && dots == 0) {
                dots++;
            } else {
                return false;
            }
        }
        return digits > 0;
    }

    /** As {@link #money} but an empty cell yields {@code dflt}. */
    static BigDecimal moneyOr(String column, String text, BigDecimal dflt) throws RowException {
        return text == null || text.isBlank() ? dflt : money(column, text);
    }

    /**
     * A billing increment in whole seconds.
     *
     * @throws RowException empty, not a whole number, or not positive
     */
    static int seconds(String column, String text) throws RowException {
        String v = text == null ? "" : text.trim();
        if (v.isEmpty()) {
            throw new RowException(column + ": empty");
        }
        int s;
        try {
            s = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new RowException(column + ": " + quote(v) + " is not a whole number of seconds");
        }
        if (s <= 0) {
            throw new RowException(column + ": " + quote(v) + " must be positive");
        }
        return s;
    }

    /**
     * A combined billing cell {@code initial/next} in seconds, as suppliers write it ({@code 60/1}).
     *
     * @return {@code {initial, next}}
     * @throws RowException empty, not two numbers separated by '/', or an increment not positive
     */
    static int[] billing(String column, String text) throws RowException {
        String v = text == null ? "" : text.trim();
        if (v.isEmpty()) {
            throw new RowException(column + ": empty");
        }
        var m = BILLING.matcher(v);
        if (!m.matches()) {
            throw new RowException(column + ": " + quote(v) + " is not initial/next seconds such as 60/1");
        }
        int initial;
        int next;
        try {
            initial = Integer.parseInt(m.group(1));
            next = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            throw new RowException(column + ": " + quote(v) + " is too large");
        }
        if (initial <= 0 || next <= 0) {
            throw new RowException(column + ": " + quote(v) + " increments must be positive");
        }
        return new int[] {initial, next};
    }

    /**
     * Builds the strict formatter for a user pattern. {@code y} is read as the proleptic year
     * ({@code u}) so that {@code yyyy-MM-dd} works under {@link ResolverStyle#STRICT}.
     *
     * @throws IllegalArgumentException the pattern is invalid
     */
    static DateTimeFormatter dateFormatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * A date (or date-time, if the pattern has hours) read as UTC.
     *
     * @param pattern the pattern as configured, shown in the reason
     * @return the instant at 00:00 UTC of that date (or at the given time), or {@code null} for an empty cell
     * @throws RowException the text does not match the pattern or is not a real date
     */
    static Instant date(String column, String text, DateTimeFormatter format, String pattern) throws RowException {
        String v = text == null ? "" : text.trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            TemporalAccessor t = format.parse(v);
            if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
                return LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
            }
            return LocalDate.from(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (java.time.DateTimeException e) { // includes DateTimeParseException
            throw new RowException(column + ": " + quote(v) + " is not a date (" + pattern + ")");
        }
    }

    /**
     * An ISO 4217 currency code; lower case is accepted and upper-cased.
     *
     * @throws RowException empty or not a code known to {@link Currency}
     */
    static String currency(String column, String text) throws RowException {
        String v = text == null ? "" : text.trim();
        if (v.isEmpty()) {
            throw new RowException(column + ": empty");
        }
        String code = isoCurrency(v.toUpperCase(java.util.Locale.ROOT));
        if (code == null) {
            throw new RowException(column + ": " + quote(v) + " is not an ISO 4217 code");
        }
        return code;
    }

    /** @return {@code code} if it is a known ISO 4217 code (upper case, three letters), else {@code null} */
    static String isoCurrency(String code) {
        if (code == null || !ISO_CODE.matcher(code).matches()) {
            return null;
        }
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Renders an instant for a reason: {@code 2026-09-23} at midnight UTC, else ISO-8601; {@code none} for null. */
    static String show(Instant instant) {
        if (instant == null) {
            return "none";
        }
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : instant.toString();
    }

    /** Quotes a value for a reason, cutting it at {@value #QUOTE_MAX} characters. */
    static String quote(String value) {
        String v = value.length() > QUOTE_MAX ? value.substring(0, QUOTE_MAX) + "…" : value;
        return "'" + v + "'";
    }
}
