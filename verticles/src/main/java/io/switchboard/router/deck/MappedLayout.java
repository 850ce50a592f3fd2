package io.switchboard.router.deck;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A layout described entirely by a {@link ColumnMapping}: the generic importer for carrier layouts
 * without code, and the engine behind {@link AzLayout}, {@link TwilioPriceListLayout} and
 * {@link SupplierNoticeLayout}.
 *
 * <p>Reading one file: blank lines are skipped; non-blank lines are preamble until a row holds
 * every required column of the mapping — that is the header; if none has after
 * {@link ColumnMapping#headerWithin()} non-blank lines (or by the end of the file), the file is
 * refused with a {@link DeckFormatException} naming the missing columns. After the header each
 * line is a data row, except that with {@link ColumnMapping#skipTextLines()} a line with fewer than
 * two non-blank cells or a repeated header is skipped. In a strict mapping (the default) a data row
 * whose cell count differs from the header's is rejected (an unquoted ',' in a name shifts the columns).
 *
 * <p>A data row yields one {@link DeckRow} per prefix of its prefix cell, all sharing the row's
 * other fields. Every field is checked and all problems of the row are reported together in one
 * rejection reason, joined with {@code "; "}.
 */
public class MappedLayout implements DeckLayout {

    private final String name;
    private final ColumnMapping mapping;
    private final CSVFormat format;

    /**
     * @param name short name for reports
     * @param mapping where each field comes from
     */
    public MappedLayout(String name, ColumnMapping mapping) {
        this.name = Objects.requireNonNull(name, "name");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.format = mapping.delimiter() == ','
                ? STANDARD_CSV
                : STANDARD_CSV.builder().setDelimiter(mapping.delimiter()).get();
    }

    /** @param mapping where each field comes from; the layout is named {@code mapped} */
    public MappedLayout(ColumnMapping mapping) {
        this("mapped", mapping);
    }

    /** @return the mapping this layout reads with */
    public ColumnMapping mapping() {
        return mapping;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CSVFormat csvFormat() {
        return format;
    }

    @Override
    public DeckLayout.Session start() {
        return new Session();
    }

    /**
     * @param cells a candidate header row's cells
     * @return whether they hold every column the mapping requires
     */
    public boolean recognizesHeader(List<String> cells) {
        return mapping.index(cells) != null;
    }

    /** One file's state: the resolved header positions. */
    private final class Session implements DeckLayout.Session {
        private ColumnMapping.Index index;
        private long linesBeforeHeader;
        private List<String> firstLine;
        private long firstLineNumber;
        private final String prefixHeader = ColumnMapping.normalize(mapping.prefix());
        // Decks repeat a handful of dates and one currency: remember the last text parsed per column.
        private final Memo fromMemo = new Memo();
        private final Memo untilMemo = new Memo();
        private String lastCurrencyText;
        private String lastCurrency;

        @Override
        public RecordOutcome map(CSVRecord record, long rowNumber) {
            if (blank(record)) {
                return RecordOutcome.BLANK;
            }
            if (index == null) {
                List<String> cells = record.toList();
                index = mapping.index(cells);
                if (index != null) {
                    return RecordOutcome.HEADER;
                }
                if (firstLine == null) {
                    firstLine = cells;
                    firstLineNumber = rowNumber;
                }
                if (++linesBeforeHeader >= mapping.headerWithin()) {
                    throw noHeader("line " + rowNumber + ": ");
                }
                return RecordOutcome.PREAMBLE;
            }
            if (mapping.skipTextLines()) {
                if (nonBlankCells(record) < 2) {
                    return RecordOutcome.TEXT;
                }
                if (ColumnMapping.normalize(cell(record, index.prefix())).equals(prefixHeader)
                        && mapping.index(record.toList()) != null) {
                    return RecordOutcome.HEADER;
                }
            } else if (record.size() != index.width()) {
                return new RecordOutcome.Rejected("has " + record.size() + " fields, the header has "
                        + index.width() + " (an unquoted ',' inside a field?)");
            }
            return parse(record, rowNumber);
        }

        @Override
        public void finish(long linesRead) {
            if (index == null) {
                throw noHeader(linesRead == 0 ? "" : "after " + linesRead + " lines: ");
            }
        }

        private DeckFormatException noHeader(String where) {
            String found = firstLine == null ? "the file has no non-blank line"
                    : "line " + firstLineNumber + " lacks " + quoted(mapping.missing(firstLine));
            return new DeckFormatException(where + "no " + name + " header row with columns "
                    + quoted(mapping.requiredColumns()) + " found within " + mapping.headerWithin()
                    + " non-blank line(s); " + found);
        }

        private RecordOutcome parse(CSVRecord record, long rowNumber) {
            ColumnMapping.Index ix = index;
            List<String> problems = new ArrayList<>(2);

            for (int i = 0; i < ix.mustBeEmpty().length; i++) {
                String v = cell(record, ix.mustBeEmpty()[i]);
                if (!v.isBlank()) {
                    problems.add(mapping.mustBeEmpty().get(i) + ": " + Fields.quote(v.trim())
                            + " is not supported (prices depending on this column cannot be imported)");
                }
            }
            List<String> prefixes = null;
            try {
                String cell = cell(record, ix.prefix());
                prefixes = mapping.prefixLists() ? DialCodes.list(mapping.prefix(), cell)
                        : DialCodes.single(mapping.prefix(), cell);
            } catch (RowException e) {
                problems.add(e.getMessage());
            }
            boolean closed = ix.closed() >= 0 && cell(record, ix.closed()).trim().equalsIgnoreCase(mapping.closedWord());

            BigDecimal rate = null;
            try {
                String cell = cell(record, ix.rate());
                rate = closed && cell.isBlank() ? BigDecimal.ZERO : Fields.money(mapping.rate(), cell);
            } catch (RowException e) {
                problems.add(e.getMessage());
            }
            BigDecimal fee = mapping.defaultConnectFee();
            if (ix.connectFee() >= 0) {
                try {
                    fee = Fields.moneyOr(mapping.connectFee(), cell(record, ix.connectFee()), mapping.defaultConnectFee());
                } catch (RowException e) {
                    problems.add(e.getMessage());
                }
            }
            int initial = mapping.fixedInitialIncrement();
            int next = mapping.fixedNextIncrement();
            if (ix.billing() >= 0) {
                try {
                    int[] b = Fields.billing(mapping.billing(), cell(record, ix.billing()));
                    initial = b[0];
                    next = b[1];
                } catch (RowException e) {
                    problems.add(e.getMessage());
                }
            } else if (ix.initialIncrement() >= 0) {
                try {
                    initial = Fields.seconds(mapping.initialIncrement(), cell(record, ix.initialIncrement()));
                } catch (RowException e) {
                    problems.add(e.getMessage());
                }
                try {
                    next = Fields.seconds(mapping.nextIncrement(), cell(record, ix.nextIncrement()));
                } catch (RowException e) {
                    problems.add(e.getMessage());
                }
            }
            Instant from = mapping.defaultEffectiveFrom();
            boolean fromOk = true;
            if (ix.effectiveFrom() >= 0) {
                try {
                    Instant d = fromMemo.date(mapping.effectiveFrom(), cell(record, ix.effectiveFrom()));
                    if (d != null) {
                        from = d;
                    }
                } catch (RowException e) {
                    problems.add(e.getMessage());
                    fromOk = false;
                }
            }
            Instant until = null;
            if (ix.effectiveUntil() >= 0) {
                try {
                    until = untilMemo.date(mapping.effectiveUntil(), cell(record, ix.effectiveUntil()));
                    if (until != null && from != null && fromOk && !until.isAfter(from)) {
                        problems.add(mapping.effectiveUntil() + ": " + Fields.show(until) + " is not after "
                                + (mapping.effectiveFrom() == null ? "the default effective_from" : mapping.effectiveFrom())
                                + " " + Fields.show(from));
                    }
                } catch (RowException e) {
                    problems.add(e.getMessage());
                }
            }
            String currency = mapping.fixedCurrency();
            if (ix.currency() >= 0) {
                try {
                    String text = cell(record, ix.currency());
                    if (!text.equals(lastCurrencyText)) {
                        lastCurrency = Fields.currency(mapping.currency(), text);
                        lastCurrencyText = text;
                    }
                    currency = lastCurrency;
                } catch (RowException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                return new RecordOutcome.Rejected(String.join("; ", problems));
            }
            String destination = destination(record, ix);
            List<DeckRow> rows = new ArrayList<>(prefixes.size());
            try {
                for (String p : prefixes) {
                    rows.add(new DeckRow(rowNumber, p, destination, rate, fee, initial, next, from, until, currency, closed));
                }
            } catch (IllegalArgumentException e) { // DeckRow's own invariants; the checks above should have caught it
                return new RecordOutcome.Rejected(e.getMessage());
            }
            return new RecordOutcome.Rows(rows);
        }

        /** The last date text of one column and its value (only successful parses are kept). */
        private final class Memo {
            private String text;
            private Instant value;

            Instant date(String column, String cell) throws RowException {
                if (!cell.equals(text)) {
                    value = Fields.date(column, cell, mapping.dateFormat(), mapping.datePattern());
                    text = cell;
                }
                return value;
            }
        }

        private String destination(CSVRecord record, ColumnMapping.Index ix) {
            int[] cols = ix.destination();
            if (cols.length == 1) {
                return cell(record, cols[0]).trim();
            }
            StringBuilder b = new StringBuilder();
            for (int c : cols) {
                String v = cell(record, c).trim();
                if (!v.isEmpty()) {
                    if (b.length() > 0) {
                        b.append(" - ");
                    }
                    b.append(v);
                }
            }
            return b.toString();
        }
    }

    private static String cell(CSVRecord record, int column) {
        return column < record.size() ? record.get(column) : "";
    }

    private static boolean blank(CSVRecord record) {
        for (int i = 0, n = record.size(); i < n; i++) { // by index: CSVRecord's iterator copies the values
            if (!record.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static int nonBlankCells(CSVRecord record) {
        int count = 0;
        for (int i = 0, n = record.size(); i < n; i++) {
            if (!record.get(i).isBlank()) {
                count++;
            }
        }
        return count;
    }

    private static String quoted(List<String> columns) {
        return columns.stream().map(c -> "'" + c + "'").collect(java.util.stream.Collectors.joining(", "));
    }
}
