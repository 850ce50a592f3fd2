package io.switchboard.router.deck;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a rate deck: parses CSV records one at a time from a {@link Reader} (commons-csv
 * {@link CSVParser} iteration; the file is never held in memory as a whole) and pushes each
 * accepted {@link DeckRow} and each {@link RowRejection} to the caller's consumers, in file order.
 *
 * <p>Every row is validated, and reading always continues to the end so that the rejection report
 * is complete. Publishing the whole version or none — or skipping bad rows on request — is the
 * caller's decision: {@link ReadSummary#clean()} says whether any row was rejected. Besides the
 * layout's field checks, the reader enforces per deck (see {@code DeckConsistency}): a single
 * currency (that of the first accepted row) and no repeated (prefix, effective_from) pair; the later
 * row is rejected, naming the first.
 *
 * <p>Row numbers are 1-based line numbers of the record's first line (blank lines count; a quoted
 * cell spanning lines moves later numbers on). The reader does not close the {@code Reader}.
 * Memory stays bounded by one record plus the duplicate set (one entry per accepted prefix).
 * Instances are stateless and thread-safe.
 */
public final class DeckReader {

    /**
     * Reads one deck.
     *
     * @param in the deck's characters (decode the bytes as UTF-8, or as the carrier declares)
     * @param layout how records become rows
     * @param rows receives every accepted row, in file order
     * @param rejections receives every rejected source row, in file order
     * @return counts and the deck currency
     * @throws IOException reading {@code in} failed
     * @throws DeckFormatException the file is not in this layout (no header, missing columns) or
     *     its CSV quoting is broken; the message has the line number
     */
    public ReadSummary read(Reader in, DeckLayout layout, Consumer<DeckRow> rows, Consumer<RowRejection> rejections)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(rejections, "rejections");
        DeckLayout.Session session = layout.start();
        DeckConsistency deck = new DeckConsistency();
        CSVParser parser = CSVParser.parse(in, layout.csvFormat());
        Iterator<CSVRecord> records = parser.iterator();
        long accepted = 0;
        long rejected = 0;
        long skipped = 0;
        long lastLine = 0;
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CSVException bad) {
                    throw new DeckFormatException("line " + (lastLine + 1) + ": malformed CSV: " + bad.getMessage(), bad);
                }
                throw e.getCause();
            }
            long rowNumber = lastLine + 1;
            lastLine = parser.getCurrentLineNumber();

            RecordOutcome out = session.map(record, rowNumber);
            if (out instanceof RecordOutcome.Rows r) {
                String problem = deck.accept(r.rows());
                if (problem == null) {
                    r.rows().forEach(rows);
                    accepted += r.rows().size();
                } else {
                    rejections.accept(new RowRejection(rowNumber, problem, record.toList()));
                    rejected++;
                }
            } else if (out instanceof RecordOutcome.Rejected x) {
                rejections.accept(new RowRejection(rowNumber, x.reason(), record.toList()));
                rejected++;
            } else {
                skipped++;
            }
        }
        long lines = parser.getCurrentLineNumber();
        session.finish(lines);
        return new ReadSummary(accepted, rejected, skipped, lines, deck.currency());
    }
}
