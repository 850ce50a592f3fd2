package io.switchboard.router.deck;

/**
 * Totals of one {@link DeckReader#read} run.
 *
 * @param rowsAccepted {@link DeckRow}s delivered to the row consumer (a Twilio or supplier row with
 *     a prefix list counts once per prefix)
 * @param rowsRejected source rows delivered to the rejection consumer (one per rejected CSV record,
 *     however many prefixes it listed)
 * @param linesSkipped lines that were neither: header, blank, preamble and free-text lines
 * @param linesRead lines in the file
 * @param currency the deck's ISO 4217 currency (that of its first accepted row), or {@code null}
 *     if no row was accepted
 */
public record ReadSummary(long rowsAccepted, long rowsRejected, long linesSkipped, long linesRead, String currency) {

    /** @return whether the deck can be published whole: no row was rejected */
    public boolean clean() {
        return rowsRejected == 0;
    }
}
