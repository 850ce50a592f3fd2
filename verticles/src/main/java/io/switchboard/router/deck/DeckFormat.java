package io.switchboard.router.deck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The deck layouts the importer knows, by the id the CLI and REST use
 * ({@code switchboard decks import --format az}), and auto-detection from the header row.
 */
public enum DeckFormat {

    /** {@link AzLayout}: {@code prefix,destination,rate_per_min,…,currency}. */
    AZ("az"),
    /** {@link TwilioPriceListLayout}: {@code ISO,Country,Description,Price / min,Origination Prefixes,Destination Prefixes}. */
    TWILIO("twilio"),
    /** {@link SupplierNoticeLayout}: {@code Country,Network,Dial Codes,Rate/Min,Effective,Billing,Change} after free text. */
    SUPPLIER_NOTICE("supplier-notice"),
    /** {@link MappedLayout}: any layout described by a {@link ColumnMapping}; never auto-detected. */
    MAPPED("mapped");

    /** Characters {@link #sniff} examines at most. */
    static final int SNIFF_CHARS = 64 * 1024;
    /** Lines {@link #sniff} examines at most. */
    static final int SNIFF_LINES = 100;

    private static final AzLayout AZ_LAYOUT = new AzLayout();
    private static final TwilioPriceListLayout TWILIO_LAYOUT = new TwilioPriceListLayout();

    private final String id;

    DeckFormat(String id) {
        this.id = id;
    }

    /** @return the id: {@code az}, {@code twilio}, {@code supplier-notice} or {@code mapped} */
    public String id() {
        return id;
    }

    /**
     * @param id an id as returned by {@link #id()} (case-insensitive)
     * @return the format
     * @throws IllegalArgumentException unknown id; the message lists the known ones
     */
    public static DeckFormat fromId(String id) {
        for (DeckFormat f : values()) {
            if (f.id.equalsIgnoreCase(id.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown deck format '" + id + "'; known: az, twilio, supplier-notice, mapped");
    }

    /**
     * The layout of this format with its default options.
     *
     * @return a new layout
     * @throws IllegalStateException for {@link #MAPPED}, which needs a {@link ColumnMapping}: use
     *     {@code new MappedLayout(mapping)}
     */
    public DeckLayout defaultLayout() {
        return switch (this) {
            case AZ -> new AzLayout();
            case TWILIO -> new TwilioPriceListLayout();
            case SUPPLIER_NOTICE -> new SupplierNoticeLayout();
            case MAPPED -> throw new IllegalStateException("the mapped format needs a ColumnMapping: new MappedLayout(mapping)");
        };
    }

    /**
     * Recognizes a header row (column names are compared ignoring case and blanks; extra columns
     * are allowed).
     *
     * @param headerLine one CSV line, e.g. {@code prefix,destination,rate_per_min,…}
     * @return the format whose required columns it holds, or empty (never {@link #MAPPED})
     */
    public static Optional<DeckFormat> detect(String headerLine) {
        if (headerLine == null || headerLine.isBlank()) {
            return Optional.empty();
        }
        List<String> cells;
        try (CSVParser p = CSVParser.parse(new StringReader(headerLine), DeckLayout.STANDARD_CSV)) {
            List<CSVRecord> records = p.getRecords();
            if (records.isEmpty()) {
                return Optional.empty();
            }
            cells = records.get(0).toList();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // broken quoting: not a header we know
        }
        if (AZ_LAYOUT.recognizesHeader(cells)) {
            return Optional.of(AZ);
        }
        if (TWILIO_LAYOUT.mapped().recognizesHeader(cells)) {
            return Optional.of(TWILIO);
        }
        if (SupplierNoticeLayout.recognizesHeader(cells)) {
            return Optional.of(SUPPLIER_NOTICE);
        }
        return Optional.empty();
    }

    /**
     * Finds the header among the first lines of a deck without consuming them: marks {@code in},
     * tries {@link #detect} on each of the first {@value #SNIFF_LINES} lines (at most
     * {@value #SNIFF_CHARS} characters, so a notice's free-text preamble is looked past), then
     * resets {@code in} to where it was.
     *
     * @param in the deck, positioned at its start; afterwards at the same position
     * @return the detected format, or empty
     * @throws IOException reading failed, or a line so long that the mark was lost
     */
    public static Optional<DeckFormat> sniff(BufferedReader in) throws IOException {
        in.mark(SNIFF_CHARS * 4);
        try {
            int chars = 0;
            for (int i = 0; i < SNIFF_LINES && chars < SNIFF_CHARS; i++) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                chars += line.length() + 1;
                Optional<DeckFormat> f = detect(line);
                if (f.isPresent()) {
                    return f;
                }
            }
            return Optional.empty();
        } finally {
            in.reset();
        }
    }

    /** @return the id */
    @Override
    public String toString() {
        return id;
    }
}
