package io.switchboard.carrier.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Random identifiers and secrets for the provider simulators: new accounts' credentials and new
 * carrier ids. Each provider decides the lengths and prefixes (Twilio's {@code AC} + 32 hex,
 * Exotel's 32 hex); this class only draws the characters, from the random source it is given.
 */
public final class SimIds {

    private SimIds() {
    }

    /**
     * @param bytes how many random bytes to draw
     * @return them as lower-case hex: {@code 2 * bytes} characters ({@code hex(random, 16)} is 32 digits)
     */
    public static String hex(SecureRandom random, int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return HexFormat.of().formatHex(data);
    }

    /**
     * @return a UUID of two random longs in its 36-character text form (lower-case hex, dashes);
     *     not a version-4 UUID: the version and variant bits are random too
     */
    public static String uuid(SecureRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
