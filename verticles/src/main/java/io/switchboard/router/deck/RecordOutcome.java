package io.switchboard.router.deck;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link DeckLayout.Session} made of one CSV record: deck rows, a rejection, or nothing
 * (a header, blank, preamble or free-text line, which is not an error).
 */
public sealed interface RecordOutcome permits RecordOutcome.Rows, RecordOutcome.Rejected, RecordOutcome.Skipped {

    /**
     * The record yielded these rows (one per prefix: a list or range cell yields several).
     *
     * @param rows at least one row, all with the record's row number
     */
    record Rows(List<DeckRow> rows) implements RecordOutcome {
        /** @throws IllegalArgumentException {@code rows} is empty */
        public Rows {
            rows = List.copyOf(rows);
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("a Rows outcome needs at least one row");
            }
        }
    }

    /**
     * The record is a data row but invalid.
     *
     * @param reason why, naming the column: {@code rate_per_min: 'abc' is not a number}; several
     *     problems of one row are joined with {@code "; "}
     */
    record Rejected(String reason) implements RecordOutcome {
        /** @throws NullPointerException {@code reason} is null */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The record carries no deck data and is not an error.
     *
     * @param kind what kind of line it was
     */
    record Skipped(Kind kind) implements RecordOutcome {
        /** Kinds of skipped lines. */
        public enum Kind {
            /** The header row (or a repetition of it in a lenient layout). */
            HEADER,
            /** An empty line, or one whose cells are all blank. */
            BLANK,
            /** A line before the header row (a notice's title, issue date, currency). */
            PREAMBLE,
            /** A free-text line among or after the data (a notice's footer). */
            TEXT
        }
    }

    /** The shared instance for a blank line. */
    Skipped BLANK = new Skipped(Skipped.Kind.BLANK);
    /** The shared instance for a header line. */
    Skipped HEADER = new Skipped(Skipped.Kind.HEADER);
    /** The shared instance for a preamble line. */
    Skipped PREAMBLE = new Skipped(Skipped.Kind.PREAMBLE);
    /** The shared instance for a free-text line. */
    Skipped TEXT = new Skipped(Skipped.Kind.TEXT);
}
