package io.switchboard.router.deck;

/**
 * The file as a whole cannot be read in the chosen layout: no header row, a header without a
 * required column, broken CSV quoting, an unreadable notice issue date, or no currency. Unlike a
 * {@link RowRejection}, skipping bad rows cannot help; the message says where (line number) and why.
 */
public class DeckFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and on which line */
    public DeckFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and on which line
     * @param cause the underlying parser error
     */
    public DeckFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
