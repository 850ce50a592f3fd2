package io.switchboard.storage;

import java.util.UUID;

/** Ids from requests as SQL parameters. */
public final class SqlIds {

    private SqlIds() {
    }

    /**
     * @param text an id from a request, or null
     * @return the UUID, null for null; a text that is no UUID becomes the nil UUID, which matches no
     *     row (so a malformed id reads as "no such resource", TEL-013, like an unknown one)
     */
    public static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }
}
