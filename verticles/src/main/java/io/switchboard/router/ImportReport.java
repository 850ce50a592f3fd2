package io.switchboard.router;

import io.switchboard.router.deck.RowRejection;
import java.util.List;

/**
 * The outcome of one deck import ({@code POST /v1/decks}, {@code switchboard decks import}).
 *
 * @param deckId the version created (also for a rejected import, kept with its report)
 * @param carrier the carrier
 * @param service the service
 * @param format the layout read ({@code az}, {@code twilio}, {@code supplier-notice}, {@code mapped})
 * @param status {@code published}, {@code staged} (imported with {@code publish=false}) or {@code rejected}
 * @param rowsAccepted rows stored
 * @param rowsRejected source rows refused (skipped when {@code skip_invalid} was asked)
 * @param rejections the first {@value #MAX_LISTED} rejections: row number and reason
 * @param currency the deck's currency
 * @param parseMs time to read and validate the file while streaming its rows into PostgreSQL, ms
 * @param storeMs time from then until the version was published, ms
 */
public record ImportReport(long deckId, String carrier, String service, String format, String status,
                           long rowsAccepted, long rowsRejected, List<RowRejection> rejections, String currency,
                           long parseMs, long storeMs) {

    /** Rejections listed in a report at most (the count is always complete). */
    public static final int MAX_LISTED = 1_000;

    /** Copies {@code rejections}. */
    public ImportReport {
        rejections = List.copyOf(rejections);
    }
}
