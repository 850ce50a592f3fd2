package io.switchboard.router.deck;

import java.util.List;
import java.util.Objects;

/**
 * One source row refused by the import (an entry of the TEL-602 rejection report).
 *
 * @param rowNumber 1-based line number in the source file where the row starts
 * @param reason why, naming the column as written in the file's header, e.g.
 *     {@code rate_per_min: 'abc' is not a number}; several problems of the same row are joined
 *     with {@code "; "}
 * @param fields the row's cells as read (untrimmed), for the report
 */
public record RowRejection(long rowNumber, String reason, List<String> fields) {

    /** @throws NullPointerException {@code reason} or {@code fields} is null */
    public RowRejection {
        Objects.requireNonNull(reason, "reason");
        fields = List.copyOf(fields);
    }

    /** @return {@code row 17: rate_per_min: 'abc' is not a number} */
    public String message() {
        return "row " + rowNumber + ": " + reason;
    }

    /** @return the cells joined with ',' (not re-quoted), as a rough picture of the source line */
    public String raw() {
        return String.join(",", fields);
    }

    @Override
    public String toString() {
        return message();
    }
}
