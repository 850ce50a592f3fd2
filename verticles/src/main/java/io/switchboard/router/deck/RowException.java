package io.switchboard.router.deck;

/**
 * A field of one source row failed validation; the message is the rejection reason, naming the
 * column ({@code rate_per_min: 'abc' is not a number}). Internal to the parsers: layouts turn it
 * into a {@link RecordOutcome.Rejected}. Carries no stack trace (it is control flow, and a bad deck
 * may raise hundreds of thousands of them).
 */
final class RowException extends Exception {

    private static final long serialVersionUID = 1L;

    RowException(String reason) {
        super(reason, null, false, false);
    }
}
