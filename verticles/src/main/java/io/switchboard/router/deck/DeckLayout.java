package io.switchboard.router.deck;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A source layout of rate decks: how one parsed CSV record becomes zero or more {@link DeckRow}s
 * or a rejection.
 *
 * <p>A layout is immutable and reusable; the state of reading one file (has the header been seen,
 * at which column is each field, the notice's issue date) lives in the {@link Session} that
 * {@link #start()} returns, one per file. {@link DeckReader} drives it: it parses the CSV, numbers
 * the lines and checks deck-wide rules (duplicates, one currency) on what the session returns.
 *
 * <p>Implementations: {@link AzLayout}, {@link TwilioPriceListLayout}, {@link SupplierNoticeLayout}
 * and {@link MappedLayout} (any layout described by a {@link ColumnMapping}).
 */
public interface DeckLayout {

    /** The CSV dialect shared by the built-in layouts: RFC 4180, ',' separated, empty lines kept as records. */
    CSVFormat STANDARD_CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** @return a short name for reports, e.g. {@code az}, {@code twilio}, {@code supplier-notice} */
    String name();

    /**
     * The CSV dialect to parse the file with. It must keep empty lines as records
     * ({@code ignoreEmptyLines=false}) so that row numbers are line numbers.
     *
     * @return {@link #STANDARD_CSV} unless the layout says otherwise (e.g. a ';' delimiter)
     */
    default CSVFormat csvFormat() {
        return STANDARD_CSV;
    }

    /** @return a fresh session for reading one file */
    Session start();

    /** The per-file state of a layout; not thread-safe, used by one reader for one file. */
    interface Session {

        /**
         * Interprets the next record of the file.
         *
         * @param record the record as parsed, cells untrimmed
         * @param rowNumber 1-based line number where the record starts in the file
         * @return rows, a rejection, or a skip; never {@code null}
         * @throws DeckFormatException the file is not in this layout at all (e.g. no header row
         *     where one is required, or a header that lacks a required column)
         */
        RecordOutcome map(CSVRecord record, long rowNumber);

        /**
         * Called once after the last record.
         *
         * @param linesRead number of lines in the file
         * @throws DeckFormatException the file ended in a state the layout cannot accept (no header row)
         */
        default void finish(long linesRead) {
        }
    }
}
