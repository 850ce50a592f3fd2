package io.switchboard.carrier.sandbox;

/**
 * An error a sandbox carrier answers with, in the provider's own error body
 * ({@link ProviderSimulator#error}).
 *
 * @param kind what went wrong
 * @param detail a message naming the field or the reason, for the body
 */
public record SimError(Kind kind, String detail) {

    /** The errors a sandbox carrier can produce, with the HTTP status each one has. */
    public enum Kind {
        /** Missing or wrong credentials. */
        UNAUTHORIZED(401),
        /** A required field is missing or malformed. */
        INVALID_REQUEST(400),
        /** The destination is not a valid number. */
        INVALID_NUMBER(400),
        /** No call with that id. */
        NOT_FOUND(404),
        /** The account is over its request rate (the engine adds {@code Retry-After}). */
        RATE_LIMITED(429),
        /** The provider failed (configured error injection). */
        SERVER_ERROR(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** @return the HTTP status */
        public int status() {
            return status;
        }
    }
}
