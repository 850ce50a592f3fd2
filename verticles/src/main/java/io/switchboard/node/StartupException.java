package io.switchboard.node;

/**
 * A node cannot start. The message is one line for an operator, naming what failed and the
 * setting to look at (e.g. {@code http.port: 8080 on 0.0.0.0 is already in use}); the launcher
 * prints it and exits non-zero without a stack trace.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param line the one-line explanation */
    public StartupException(String line) {
        super(line);
    }

    /**
     * @param line the one-line explanation
     * @param cause the underlying error, kept for DEBUG logs
     */
    public StartupException(String line, Throwable cause) {
        super(line, cause);
    }
}
