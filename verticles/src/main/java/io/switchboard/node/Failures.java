package io.switchboard.node;

/** Turns an exception chain into one short line for an operator. */
public final class Failures {

    private Failures() {
    }

    /**
     * @param error any throwable
     * @return the most specific message of the chain, on one line, e.g.
     *     {@code Connection refused: /127.0.0.1:5999}
     */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            message = error.getMessage() == null ? root.getClass().getSimpleName() : error.getMessage();
        }
        return message.replaceAll("\\s+", " ").trim();
    }

    /** @return whether the chain says an address is already bound */
    public static boolean addressInUse(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }
}
