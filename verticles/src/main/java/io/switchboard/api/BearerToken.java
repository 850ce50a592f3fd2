package io.switchboard.api;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;

/** Reads the API key out of an {@code authorization} value, for the doors that are not REST. */
public final class BearerToken {

    private static final String BEARER = "bearer ";

    private BearerToken() {
    }

    /**
     * @param header the {@code authorization} value ({@code Bearer sk_live_...}), or null when absent
     * @return the key, or null when the header is absent (the authenticator then answers TEL-008)
     * @throws SwitchboardException TEL-008 with {@code details.field = authorization} when the value
     *     is not of the form {@code Bearer <key>} (scheme case-insensitive, RFC 6750 section 2.1)
     */
    public static String key(String header) {
        if (header == null) {
            return null;
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_008, "authorization",
                    "authorization: expected 'Bearer sk_live_...' or 'Bearer sk_test_...'");
        }
        return header.substring(BEARER.length()).trim();
    }
}
