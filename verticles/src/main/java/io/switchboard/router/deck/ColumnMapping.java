package io.switchboard.router.deck;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where each {@link DeckRow} field comes from in a CSV layout: the configuration behind
 * {@link MappedLayout}, so that a carrier's layout can be imported without code.
 *
 * <p>Columns are named by their header text, matched ignoring case, blanks and a UTF-8 byte-order
 * mark ({@code "Price / min"} matches {@code price/min}). Every configured column must be in the
 * header, except the {@linkplain Builder#mustBeEmpty must-be-empty} ones. For each field:
 * <ul>
 *   <li>prefix (required): one strict prefix of 1–16 digits per cell, or with
 *       {@link Builder#prefixLists(boolean)} a list with ranges, blanks and {@code +} (see
 *       the supplier notice);</li>
 *   <li>destination: zero or more columns, joined with {@code " - "} skipping empty cells;
 *       none gives an empty name;</li>
 *   <li>rate (required): a plain decimal, '.' separator, never negative;</li>
 *   <li>connect fee: a column (empty cell: the default) or the default alone ({@code 0});</li>
 *   <li>increments, exactly one source: two columns in seconds, one combined {@code initial/next}
 *       column ({@code 60/1}), or fixed values;</li>
 *   <li>effective from / until: columns in {@link Builder#datePattern} (default
 *       {@code yyyy-MM-dd}), read at 00:00 UTC; an empty cell gives the default from
 *       ({@code null}, i.e. always) or no end ({@code null});</li>
 *   <li>currency, exactly one source: an ISO 4217 column, or a fixed code;</li>
 *   <li>closed: a column whose cell equals the closed word ({@code Closed}, any case) marks the
 *       row {@link DeckRow#closed()}; a closed row may leave its rate empty (read as 0).</li>
 * </ul>
 * The file layout itself: the delimiter (',' unless set), how many non-blank lines may precede the
 * header ({@link Builder#headerWithin}, 1 = the header is the first line), and whether free-text
 * lines (fewer than two non-blank cells) among the data are skipped instead of rejected.
 *
 * <p>Instances are immutable; build them with {@link #builder()} or from configuration with
 * {@link #fromProperties(Map)}.
 */
public final class ColumnMapping {

    private final String prefix;
    private final boolean prefixLists;
    private final List<String> destination;
    private final String rate;
    private final String connectFee;
    private final BigDecimal defaultConnectFee;
    private final String initialIncrement;
    private final String nextIncrement;
    private final String billing;
    private final int fixedInitial;
    private final int fixedNext;
    private final String effectiveFrom;
    private final String effectiveUntil;
    private final String datePattern;
    private final DateTimeFormatter dateFormat;
    private final Instant defaultEffectiveFrom;
    private final String currency;
    private final String fixedCurrency;
    private final String closed;
    private final String closedWord;
    private final List<String> mustBeEmpty;
    private final char delimiter;
    private final int headerWithin;
    private final boolean skipTextLines;

    private ColumnMapping(Builder b) {
        prefix = b.prefix;
        prefixLists = b.prefixLists;
        destination = List.copyOf(b.destination);
        rate = b.rate;
        connectFee = b.connectFee;
        defaultConnectFee = b.defaultConnectFee;
        initialIncrement = b.initialIncrement;
        nextIncrement = b.nextIncrement;
        billing = b.billing;
        fixedInitial = b.fixedInitial;
        fixedNext = b.fixedNext;
        effectiveFrom = b.effectiveFrom;
        effectiveUntil = b.effectiveUntil;
        datePattern = b.datePattern;
        dateFormat = Fields.dateFormatter(b.datePattern);
        defaultEffectiveFrom = b.defaultEffectiveFrom;
        currency = b.currency;
        fixedCurrency = b.fixedCurrency;
        closed = b.closed;
        closedWord = b.closedWord;
        mustBeEmpty = List.copyOf(b.mustBeEmpty);
        delimiter = b.delimiter;
        headerWithin = b.headerWithin;
        skipTextLines = b.skipTextLines;
    }

    /** @return a builder with the defaults: ',' delimiter, header on the first line, {@code yyyy-MM-dd}, connect fee 0 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this mapping's settings, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prefix = prefix;
        b.prefixLists = prefixLists;
        b.destination = new ArrayList<>(destination);
        b.rate = rate;
        b.connectFee = connectFee;
        b.defaultConnectFee = defaultConnectFee;
        b.initialIncrement = initialIncrement;
        b.nextIncrement = nextIncrement;
        b.billing = billing;
        b.fixedInitial = fixedInitial;
        b.fixedNext = fixedNext;
        b.effectiveFrom = effectiveFrom;
        b.effectiveUntil = effectiveUntil;
        b.datePattern = datePattern;
        b.defaultEffectiveFrom = defaultEffectiveFrom;
        b.currency = currency;
        b.fixedCurrency = fixedCurrency;
        b.closed = closed;
        b.closedWord = closedWord;
        b.mustBeEmpty = new ArrayList<>(mustBeEmpty);
        b.delimiter = delimiter;
        b.headerWithin = headerWithin;
        b.skipTextLines = skipTextLines;
        return b;
    }

    /**
     * Builds a mapping from flat configuration (CLI {@code --map key=value}, a JSON object, a
     * properties file). Keys:
     * {@code prefix}, {@code prefix_lists} (true/false), {@code destination} (column names joined
     * with {@code |}), {@code rate}, {@code connect_fee}, {@code connect_fee_default},
     * {@code initial_increment}, {@code next_increment}, {@code billing},
     * {@code increments} (fixed, as {@code 60/60}), {@code effective_from}, {@code effective_until},
     * {@code date_pattern}, {@code default_effective_from} (ISO-8601 instant), {@code currency}
     * (column), {@code fixed_currency}, {@code closed}, {@code closed_word}, {@code must_be_empty}
     * (columns joined with {@code |}), {@code delimiter} (one character, or {@code tab}),
     * {@code header_within}, {@code skip_text_lines}.
     *
     * <p>Example: {@code prefix=Code, destination=Country|Network, rate=Rate, billing=Billing,
     * effective_from=Effective, date_pattern=dd.MM.yyyy, fixed_currency=EUR, delimiter=;}.
     *
     * @param properties key → value; values are trimmed
     * @return the validated mapping
     * @throws IllegalArgumentException an unknown key, a malformed value, or an incomplete mapping
     *     (see {@link Builder#build()})
     */
    public static ColumnMapping fromProperties(Map<String, String> properties) {
        Builder b = builder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            String v = e.getValue() == null ? "" : e.getValue().trim();
            try {
                switch (key) {
                    case "prefix" -> b.prefix(v);
                    case "prefix_lists" -> b.prefixLists(bool(key, v));
                    case "destination" -> b.destination(v.isEmpty() ? new String[0] : v.split("\\|"));
                    case "rate" -> b.rate(v);
                    case "connect_fee" -> b.connectFee(v);
                    case "connect_fee_default" -> b.defaultConnectFee(new BigDecimal(v));
                    case "initial_increment" -> b.initialIncrement = v;
                    case "next_increment" -> b.nextIncrement = v;
                    case "billing" -> b.billing(v);
                    case "increments" -> {
                        String[] p = v.split("/");
                        if (p.length != 2) {
                            throw new IllegalArgumentException("increments must look like 60/60");
                        }
                        b.fixedIncrements(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                    }
                    case "effective_from" -> b.effectiveFrom(v);
                    case "effective_until" -> b.effectiveUntil(v);
                    case "date_pattern" -> b.datePattern(v);
                    case "default_effective_from" -> b.defaultEffectiveFrom(Instant.parse(v));
                    case "currency" -> b.currency(v);
                    case "fixed_currency" -> b.fixedCurrency(v);
                    case "closed" -> b.closed(v);
                    case "closed_word" -> b.closedWord = v;
                    case "must_be_empty" -> b.mustBeEmpty(v.split("\\|"));
                    case "delimiter" -> b.delimiter(v.equalsIgnoreCase("tab") ? '\t' : single(key, v));
                    case "header_within" -> b.headerWithin(Integer.parseInt(v));
                    case "skip_text_lines" -> b.skipTextLines(bool(key, v));
                    default -> throw new IllegalArgumentException("unknown column-mapping key '" + e.getKey() + "'");
                }
            } catch (NumberFormatException | java.time.format.DateTimeParseException ex) {
                throw new IllegalArgumentException("column mapping " + key + ": '" + v + "' is malformed", ex);
            }
        }
        return b.build();
    }

    private static boolean bool(String key, String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("column mapping " + key + ": '" + v + "' is not true or false");
    }

    private static char single(String key, String v) {
        if (v.length() != 1) {
            throw new IllegalArgumentException("column mapping " + key + ": '" + v + "' is not one character");
        }
        return v.charAt(0);
    }

    /** @return the prefix column */
    public String prefix() {
        return prefix;
    }

    /** @return whether prefix cells are lists with ranges ({@code true}) or one strict prefix ({@code false}) */
    public boolean prefixLists() {
        return prefixLists;
    }

    /** @return the destination columns, possibly none */
    public List<String> destination() {
        return destination;
    }

    /** @return the rate column */
    public String rate() {
        return rate;
    }

    /** @return the connect-fee column, or {@code null} */
    public String connectFee() {
        return connectFee;
    }

    /** @return the connect fee used when there is no column or the cell is empty */
    public BigDecimal defaultConnectFee() {
        return defaultConnectFee;
    }

    /** @return the initial-increment column (seconds), or {@code null} */
    public String initialIncrement() {
        return initialIncrement;
    }

    /** @return the next-increment column (seconds), or {@code null} */
    public String nextIncrement() {
        return nextIncrement;
    }

    /** @return the combined {@code initial/next} billing column, or {@code null} */
    public String billing() {
        return billing;
    }

    /** @return the fixed initial increment in seconds, or 0 when the increments come from columns */
    public int fixedInitialIncrement() {
        return fixedInitial;
    }

    /** @return the fixed next increment in seconds, or 0 when the increments come from columns */
    public int fixedNextIncrement() {
        return fixedNext;
    }

    /** @return the effective-from column, or {@code null} */
    public String effectiveFrom() {
        return effectiveFrom;
    }

    /** @return the effective-until column, or {@code null} */
    public String effectiveUntil() {
        return effectiveUntil;
    }

    /** @return the date pattern of the date columns ({@link java.time.format.DateTimeFormatter} syntax) */
    public String datePattern() {
        return datePattern;
    }

    DateTimeFormatter dateFormat() {
        return dateFormat;
    }

    /** @return effective-from for rows without a date, or {@code null} (always) */
    public Instant defaultEffectiveFrom() {
        return defaultEffectiveFrom;
    }

    /** @return the currency column, or {@code null} when the currency is fixed */
    public String currency() {
        return currency;
    }

    /** @return the fixed ISO 4217 currency, or {@code null} when it comes from a column */
    public String fixedCurrency() {
        return fixedCurrency;
    }

    /** @return the column that marks closed codes, or {@code null} */
    public String closed() {
        return closed;
    }

    /** @return the cell text, compared ignoring case, that marks a closed code */
    public String closedWord() {
        return closedWord;
    }

    /** @return columns that must be empty for a row to be accepted (features this model cannot express) */
    public List<String> mustBeEmpty() {
        return mustBeEmpty;
    }

    /** @return the CSV delimiter */
    public char delimiter() {
        return delimiter;
    }

    /** @return how many non-blank lines may be read before the header row must have appeared (≥ 1) */
    public int headerWithin() {
        return headerWithin;
    }

    /** @return whether lines with fewer than two non-blank cells after the header are skipped as text */
    public boolean skipTextLines() {
        return skipTextLines;
    }

    /** @return every column that must be in the header, in mapping order */
    public List<String> requiredColumns() {
        List<String> cols = new ArrayList<>();
        cols.add(prefix);
        cols.addAll(destination);
        cols.add(rate);
        for (String c : Arrays.asList(connectFee, initialIncrement, nextIncrement, billing, effectiveFrom,
                effectiveUntil, currency, closed)) {
            if (c != null) {
                cols.add(c);
            }
        }
        return cols;
    }

    /**
     * Locates the mapped columns in a candidate header row.
     *
     * @param cells the row's cells
     * @return the positions, or {@code null} if a required column is missing
     */
    Index index(List<String> cells) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            at.putIfAbsent(normalize(cells.get(i)), i);
        }
        for (String c : requiredColumns()) {
            if (!at.containsKey(normalize(c))) {
                return null;
            }
        }
        int[] dest = new int[destination.size()];
        for (int i = 0; i < dest.length; i++) {
            dest[i] = at.get(normalize(destination.get(i)));
        }
        int[] empty = mustBeEmpty.stream().mapToInt(c -> at.getOrDefault(normalize(c), -1)).toArray();
        return new Index(cells.size(), pos(at, prefix), dest, pos(at, rate), pos(at, connectFee),
                pos(at, initialIncrement), pos(at, nextIncrement), pos(at, billing), pos(at, effectiveFrom),
                pos(at, effectiveUntil), pos(at, currency), pos(at, closed), empty);
    }

    /** @return the required columns absent from {@code cells}, for an error message */
    List<String> missing(List<String> cells) {
        Set<String> have = new java.util.HashSet<>();
        cells.forEach(c -> have.add(normalize(c)));
        return requiredColumns().stream().filter(c -> !have.contains(normalize(c))).toList();
    }

    private static int pos(Map<String, Integer> at, String column) {
        return column == null ? -1 : at.get(normalize(column));
    }

    /** Header comparison key: lower case, no blanks, no byte-order mark. */
    static String normalize(String header) {
        StringBuilder b = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF' && c != '\u00A0') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /**
     * Column positions resolved from a header row; {@code -1} when a field has no column.
     */
    record Index(int width, int prefix, int[] destination, int rate, int connectFee, int initialIncrement,
            int nextIncrement, int billing, int effectiveFrom, int effectiveUntil, int currency, int closed,
            int[] mustBeEmpty) {
    }

    @Override
    public String toString() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", prefix + (prefixLists ? " (lists)" : ""));
        m.put("destination", destination);
        m.put("rate", rate);
        m.put("connect_fee", connectFee == null ? defaultConnectFee : connectFee);
        m.put("increments", billing != null ? billing
                : initialIncrement != null ? initialIncrement + "/" + nextIncrement : fixedInitial + "/" + fixedNext);
        m.put("effective_from", effectiveFrom);
        m.put("effective_until", effectiveUntil);
        m.put("currency", currency != null ? currency : fixedCurrency);
        return "ColumnMapping" + m;
    }

    /** Mutable builder; {@link #build()} validates the whole mapping. */
    public static final class Builder {
        private String prefix;
        private boolean prefixLists;
        private List<String> destination = new ArrayList<>();
        private String rate;
        private String connectFee;
        private BigDecimal defaultConnectFee = BigDecimal.ZERO;
        private String initialIncrement;
        private String nextIncrement;
        private String billing;
        private int fixedInitial;
        private int fixedNext;
        private String effectiveFrom;
        private String effectiveUntil;
        private String datePattern = "yyyy-MM-dd";
        private Instant defaultEffectiveFrom;
        private String currency;
        private String fixedCurrency;
        private String closed;
        private String closedWord = "Closed";
        private List<String> mustBeEmpty = new ArrayList<>();
        private char delimiter = ',';
        private int headerWithin = 1;
        private boolean skipTextLines;

        private Builder() {
        }

        /**
         * @param column header of the prefix (dial code) column; required
         * @return this builder
         */
        public Builder prefix(String column) {
            this.prefix = column;
            return this;
        }

        /**
         * @param lists whether a prefix cell may hold a list with ranges, blanks and {@code +} (default false)
         * @return this builder
         */
        public Builder prefixLists(boolean lists) {
            this.prefixLists = lists;
            return this;
        }

        /**
         * @param columns destination-name columns, joined with {@code " - "}; none: empty names
         * @return this builder
         */
        public Builder destination(String... columns) {
            this.destination = new ArrayList<>(Arrays.asList(columns));
            return this;
        }

        /**
         * @param column header of the per-minute (or per-message) rate column; required
         * @return this builder
         */
        public Builder rate(String column) {
            this.rate = column;
            return this;
        }

        /**
         * @param column header of the connect-fee column, or {@code null} for the default
         * @return this builder
         */
        public Builder connectFee(String column) {
            this.connectFee = column;
            return this;
        }

        /**
         * @param fee connect fee when there is no column or the cell is empty; not negative (default 0)
         * @return this builder
         */
        public Builder defaultConnectFee(BigDecimal fee) {
            this.defaultConnectFee = fee;
            return this;
        }

        /**
         * @param initialColumn header of the initial-increment column, seconds
         * @param nextColumn header of the next-increment column, seconds
         * @return this builder
         */
        public Builder increments(String initialColumn, String nextColumn) {
            this.initialIncrement = initialColumn;
            this.nextIncrement = nextColumn;
            return this;
        }

        /**
         * @param column header of a combined {@code initial/next} billing column ({@code 60/1})
         * @return this builder
         */
        public Builder billing(String column) {
            this.billing = column;
            return this;
        }

        /**
         * @param initialSeconds increment for every row when the layout has no increment column (&gt; 0)
         * @param nextSeconds following increments (&gt; 0)
         * @return this builder
         */
        public Builder fixedIncrements(int initialSeconds, int nextSeconds) {
            this.fixedInitial = initialSeconds;
            this.fixedNext = nextSeconds;
            return this;
        }

        /**
         * @param column header of the effective-from date column
         * @return this builder
         */
        public Builder effectiveFrom(String column) {
            this.effectiveFrom = column;
            return this;
        }

        /**
         * @param column header of the effective-until (exclusive) date column
         * @return this builder
         */
        public Builder effectiveUntil(String column) {
            this.effectiveUntil = column;
            return this;
        }

        /**
         * @param pattern {@link java.time.format.DateTimeFormatter} pattern of the date columns,
         *     e.g. {@code yyyy-MM-dd}, {@code dd/MM/yyyy}, {@code yyyy-MM-dd HH:mm:ss}; dates are UTC
         * @return this builder
         */
        public Builder datePattern(String pattern) {
            this.datePattern = pattern;
            return this;
        }

        /**
         * @param from effective-from for rows without a date column or with an empty cell; {@code null}: always
         * @return this builder
         */
        public Builder defaultEffectiveFrom(Instant from) {
            this.defaultEffectiveFrom = from;
            return this;
        }

        /**
         * @param column header of an ISO 4217 currency column
         * @return this builder
         */
        public Builder currency(String column) {
            this.currency = column;
            return this;
        }

        /**
         * @param code ISO 4217 currency of every row, when the layout has no currency column
         * @return this builder
         */
        public Builder fixedCurrency(String code) {
            this.fixedCurrency = code;
            return this;
        }

        /**
         * @param column header of a column whose cell {@code Closed} (see {@link #closedWord}) withdraws the code
         * @return this builder
         */
        public Builder closed(String column) {
            this.closed = column;
            return this;
        }

        /**
         * @param word cell text marking a closed code, compared ignoring case (default {@code Closed})
         * @return this builder
         */
        public Builder closedWord(String word) {
            this.closedWord = word;
            return this;
        }

        /**
         * @param columns columns whose non-empty cell makes the row a rejection (absent columns are ignored)
         * @return this builder
         */
        public Builder mustBeEmpty(String... columns) {
            this.mustBeEmpty = new ArrayList<>(Arrays.asList(columns));
            return this;
        }

        /**
         * @param delimiter CSV delimiter (default ',')
         * @return this builder
         */
        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /**
         * @param lines non-blank lines that may be read before the header must have appeared (default 1)
         * @return this builder
         */
        public Builder headerWithin(int lines) {
            this.headerWithin = lines;
            return this;
        }

        /**
         * @param skip whether lines with fewer than two non-blank cells among the data are skipped (default false: rejected)
         * @return this builder
         */
        public Builder skipTextLines(boolean skip) {
            this.skipTextLines = skip;
            return this;
        }

        /**
         * @return the mapping
         * @throws IllegalArgumentException no prefix or rate column; not exactly one increments source
         *     (two columns, a billing column, or fixed positive values); not exactly one currency source;
         *     an unknown fixed currency; a bad date pattern; a negative default fee; a bad delimiter;
         *     {@code headerWithin < 1}
         */
        public ColumnMapping build() {
            require(prefix, "prefix");
            require(rate, "rate");
            if ((initialIncrement == null) != (nextIncrement == null)) {
                throw new IllegalArgumentException("column mapping: set both increment columns or neither");
            }
            int sources = (initialIncrement != null ? 1 : 0) + (billing != null ? 1 : 0)
                    + (fixedInitial != 0 || fixedNext != 0 ? 1 : 0);
            if (sources != 1) {
                throw new IllegalArgumentException("column mapping: give the increments exactly one way: "
                        + "two columns, a billing column (60/1), or fixed values");
            }
            if (billing == null && initialIncrement == null && (fixedInitial <= 0 || fixedNext <= 0)) {
                throw new IllegalArgumentException("column mapping: fixed increments must be positive");
            }
            if ((currency == null) == (fixedCurrency == null)) {
                throw new IllegalArgumentException("column mapping: give the currency exactly one way: a column or a fixed code");
            }
            if (fixedCurrency != null) {
                String code = Fields.isoCurrency(fixedCurrency.trim().toUpperCase(Locale.ROOT));
                if (code == null) {
                    throw new IllegalArgumentException("column mapping: fixed currency '" + fixedCurrency
                            + "' is not an ISO 4217 code");
                }
                fixedCurrency = code;
            }
            Objects.requireNonNull(defaultConnectFee, "defaultConnectFee");
            if (defaultConnectFee.signum() < 0) {
                throw new IllegalArgumentException("column mapping: default connect fee is negative");
            }
            Objects.requireNonNull(datePattern, "datePattern");
            Fields.dateFormatter(datePattern); // throws IllegalArgumentException if malformed
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("column mapping: delimiter cannot be a quote or line break");
            }
            if (headerWithin < 1) {
                throw new IllegalArgumentException("column mapping: header_within must be at least 1");
            }
            if (closed != null) {
                require(closedWord, "closed word");
            }
            return new ColumnMapping(this);
        }

        private static void require(String column, String what) {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("column mapping: the " + what + " column is required");
            }
        }
    }
}
