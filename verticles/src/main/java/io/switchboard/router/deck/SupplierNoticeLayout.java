package io.switchboard.router.deck;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.csv.CSVRecord;

/**
 * A supplier's rate-change notice, as in {@code shared/data/rate-decks/tcxc-acme-rate-notice.csv}
 * (TelecomsXChange, MIT): free-text lines first (title, {@code Issue date:,16/09/2026},
 * {@code Currency:,USD per minute}), then the header {@code Country,Network,Dial Codes,Rate/Min,Effective,Billing,Change},
 * data rows, and free text after them.
 *
 * <p>Reading: lines before the header are preamble, never rejections; from them the
 * {@code Issue date} ({@code dd/MM/yyyy}) and the {@code Currency} (the first upper-case ISO 4217
 * code of the line, {@code USD} in {@code USD per minute}) are taken. The header must appear within
 * {@link Options#headerWithin()} non-blank lines. After it, lines with fewer than two non-blank
 * cells (a footer) and repeated headers are skipped; every other line is a data row, parsed by a
 * {@link MappedLayout}:
 * <ul>
 *   <li>{@code Dial Codes}: a list separated by {@code ,} or {@code ;}, ranges
 *       {@code 447400-447409} expanded to each prefix (at most 10,000 per cell), blanks removed
 *       ({@code 336 07} → {@code 33607}), {@code +} dropped; one {@link DeckRow} per prefix;</li>
 *   <li>destination: {@code Country - Network} ({@code Germany - Mobile - Vodafone});</li>
 *   <li>{@code Rate/Min}: a plain decimal; {@code Billing}: {@code initial/next} seconds
 *       ({@code 60/1}, {@code 1/1}, {@code 60/60}); no connect fee (0);</li>
 *   <li>{@code Effective}: {@code dd/MM/yyyy} at 00:00 UTC;</li>
 *   <li>{@code Change} = {@code Closed} (any case): {@link DeckRow#closed()} is true, the code is
 *       withdrawn from the effective date on; the row keeps its rate (0 if the cell is empty). The
 *       other words (New, Increase, Decrease, Unchanged) are informative.</li>
 * </ul>
 *
 * <p><b>Dates on or before the issue date.</b> The normalised form of the notice
 * ({@code tcxc-acme-rate-notice-normalized.csv}) writes {@code ASAP} ("effective now") for every row
 * whose date is on or before the issue date — including the Unchanged row dated 10/09/2026 before
 * the 16/09/2026 issue — and keeps later dates, Closed rows included (234805 on 2026-09-20,
 * {@code Discontinued=1}). By default ({@link ImmediateDates#EFFECTIVE_NOW}) such rows get
 * {@code effectiveFrom = null} ("always" in {@link DeckRow}), which is what ASAP means once the
 * notice is imported as a new deck version: the rows then equal the normalised file exactly.
 * {@link ImmediateDates#ISSUE_DATE} and {@link ImmediateDates#AS_WRITTEN} are the alternatives. A
 * notice without an issue date keeps its dates as written.
 */
public final class SupplierNoticeLayout implements DeckLayout {

    /** Date pattern of the notice's {@code Issue date} and {@code Effective} cells. */
    public static final String DATE_PATTERN = "dd/MM/yyyy";

    /** What to do with an {@code Effective} date on or before the notice's issue date. */
    public enum ImmediateDates {
        /** {@code effectiveFrom = null}: in force as soon as the deck version is published (the normalised "ASAP"). */
        EFFECTIVE_NOW,
        /** {@code effectiveFrom} = the issue date at 00:00 UTC. */
        ISSUE_DATE,
        /** Keep the date written in the row. */
        AS_WRITTEN
    }

    /**
     * Settings of the layout.
     *
     * @param defaultCurrency ISO 4217 code used when the preamble names no currency; {@code null}:
     *     such a notice is refused
     * @param immediateDates treatment of dates on or before the issue date
     * @param issueDate overrides the preamble's issue date; {@code null}: take it from the preamble
     * @param headerWithin non-blank lines within which the header row must appear (≥ 1)
     */
    public record Options(String defaultCurrency, ImmediateDates immediateDates, LocalDate issueDate, int headerWithin) {

        /** No default currency, {@link ImmediateDates#EFFECTIVE_NOW}, issue date from the file, header within 50 lines. */
        public static final Options DEFAULTS = new Options(null, ImmediateDates.EFFECTIVE_NOW, null, 50);

        /** @throws IllegalArgumentException an unknown currency or {@code headerWithin < 1} */
        public Options {
            Objects.requireNonNull(immediateDates, "immediateDates");
            if (defaultCurrency != null && Fields.isoCurrency(defaultCurrency) == null) {
                throw new IllegalArgumentException("currency '" + defaultCurrency + "' is not an ISO 4217 code");
            }
            if (headerWithin < 1) {
                throw new IllegalArgumentException("headerWithin must be at least 1");
            }
        }

        /**
         * @param treatment the treatment of dates on or before the issue date
         * @return these options with that treatment
         */
        public Options withImmediateDates(ImmediateDates treatment) {
            return new Options(defaultCurrency, treatment, issueDate, headerWithin);
        }
    }

    /**
     * The notice's column mapping; its fixed currency {@code XXX} is a placeholder replaced by the
     * notice's (or the default) currency when the header is reached.
     */
    static final ColumnMapping MAPPING = ColumnMapping.builder()
            .prefix("Dial Codes")
            .prefixLists(true)
            .destination("Country", "Network")
            .rate("Rate/Min")
            .billing("Billing")
            .effectiveFrom("Effective")
            .datePattern(DATE_PATTERN)
            .closed("Change")
            .closedWord("Closed")
            .fixedCurrency("XXX")
            .skipTextLines(true)
            .build();

    private static final DateTimeFormatter DATE = Fields.dateFormatter(DATE_PATTERN);

    private final Options options;

    /** The layout with {@link Options#DEFAULTS}. */
    public SupplierNoticeLayout() {
        this(Options.DEFAULTS);
    }

    /** @param options currency fallback, issue-date override and treatment of immediate dates */
    public SupplierNoticeLayout(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @return the options in force */
    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "supplier-notice";
    }

    /**
     * @param cells a candidate header row's cells
     * @return whether they are the notice's table header
     */
    public static boolean recognizesHeader(List<String> cells) {
        return MAPPING.index(cells) != null;
    }

    @Override
    public DeckLayout.Session start() {
        return new Session();
    }

    /** One notice's state: issue date and currency from the preamble, then the table session. */
    private final class Session implements DeckLayout.Session {
        private LocalDate issueDate = options.issueDate();
        private final boolean issueDateFixed = options.issueDate() != null;
        private String currency;
        private String currencyLine;
        private DeckLayout.Session table;
        private long preambleLines;

        @Override
        public RecordOutcome map(CSVRecord record, long rowNumber) {
            if (table != null) {
                return adjust(table.map(record, rowNumber));
            }
            List<String> cells = record.toList();
            if (cells.stream().allMatch(String::isBlank)) {
                return RecordOutcome.BLANK;
            }
            if (recognizesHeader(cells)) {
                String code = currency != null ? currency : options.defaultCurrency();
                if (code == null) {
                    throw new DeckFormatException("line " + rowNumber + ": the notice names no currency ("
                            + (currencyLine == null ? "no 'Currency:' line" : "no ISO 4217 code in '" + currencyLine + "'")
                            + " before the header) and no default currency is configured");
                }
                table = new MappedLayout(name(), MAPPING.toBuilder().fixedCurrency(code).build()).start();
                return table.map(record, rowNumber);
            }
            preamble(cells, rowNumber);
            if (++preambleLines >= options.headerWithin()) {
                throw new DeckFormatException("line " + rowNumber + ": no supplier-notice header row with columns "
                        + MAPPING.requiredColumns() + " within " + options.headerWithin() + " non-blank lines");
            }
            return RecordOutcome.PREAMBLE;
        }

        @Override
        public void finish(long linesRead) {
            if (table == null) {
                throw new DeckFormatException("after " + linesRead + " lines: no supplier-notice header row with columns "
                        + MAPPING.requiredColumns());
            }
            table.finish(linesRead);
        }

        /** Reads {@code Issue date:,16/09/2026} and {@code Currency:,USD per minute} (or {@code Key: value} in one cell). */
        private void preamble(List<String> cells, long rowNumber) {
            String first = cells.get(0).trim();
            String value = cells.size() > 1 ? cells.get(1).trim() : "";
            int colon = first.indexOf(':');
            String key = (colon >= 0 ? first.substring(0, colon) : first).trim().toLowerCase(Locale.ROOT);
            if (colon >= 0 && value.isEmpty()) {
                value = first.substring(colon + 1).trim();
            }
            if (key.equals("issue date") || key.equals("date of issue") || key.equals("issued")) {
                if (issueDateFixed) {
                    return;
                }
                try {
                    issueDate = LocalDate.parse(value, DATE);
                } catch (DateTimeParseException e) {
                    throw new DeckFormatException("line " + rowNumber + ": issue date " + Fields.quote(value)
                            + " is not a date (" + DATE_PATTERN + ")");
                }
            } else if (key.equals("currency") && currency == null) {
                currencyLine = value;
                for (String word : value.split("[^A-Za-z]+")) {
                    if (word.equals(word.toUpperCase(Locale.ROOT)) && Fields.isoCurrency(word) != null) {
                        currency = word;
                        break;
                    }
                }
            }
        }

        private RecordOutcome adjust(RecordOutcome out) {
            if (issueDate == null || options.immediateDates() == ImmediateDates.AS_WRITTEN
                    || !(out instanceof RecordOutcome.Rows rows)) {
                return out;
            }
            Instant issued = issueDate.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant now = options.immediateDates() == ImmediateDates.ISSUE_DATE ? issued : null;
            DeckRow first = rows.rows().get(0); // all rows of one record share their dates
            if (first.effectiveFrom() == null || first.effectiveFrom().isAfter(issued)) {
                return out;
            }
            List<DeckRow> moved = new ArrayList<>(rows.rows().size());
            for (DeckRow r : rows.rows()) {
                moved.add(new DeckRow(r.rowNumber(), r.prefix(), r.destination(), r.rate(), r.connectFee(),
                        r.initialIncrement(), r.nextIncrement(), now, r.effectiveUntil(), r.currency(), r.closed()));
            }
            return new RecordOutcome.Rows(moved);
        }
    }
}
