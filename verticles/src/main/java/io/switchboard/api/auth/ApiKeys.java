package io.switchboard.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The shape of an API key: {@code sk_live_} or {@code sk_test_} followed by 32 letters and digits
 * (about 190 bits from {@link SecureRandom}). A key is shown once; the database keeps its SHA-256
 * and its lookup prefix, the first 16 characters ({@code sk_live_} plus 8), which find the row.
 */
public final class ApiKeys {

    /** Length of the random part, characters. */
    static final int RANDOM_LENGTH = 32;
    /** Length of the lookup prefix, characters. */
    public static final int PREFIX_LENGTH = 16;

    private static final Pattern SHAPE = Pattern.compile("sk_(live|test)_[A-Za-z0-9]{" + RANDOM_LENGTH + "}");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /**
     * @param live true for a live key, false for a test key
     * @return a new key, e.g. {@code sk_live_3fJ...} (40 characters)
     */
    public static String generate(boolean live) {
        StringBuilder key = new StringBuilder(live ? "sk_live_" : "sk_test_");
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return key.toString();
    }

    /** @return whether {@code key} has the shape of a key (says nothing of whether it exists) */
    public static boolean wellFormed(String key) {
        return key != null && SHAPE.matcher(key).matches();
    }

    /** @return whether a well-formed key is a live one */
    public static boolean live(String key) {
        return key.startsWith("sk_live_");
    }

    /** @return the lookup prefix of a well-formed key: its first {@value #PREFIX_LENGTH} characters */
    public static String prefix(String key) {
        return key.substring(0, PREFIX_LENGTH);
    }

    /** @return SHA-256 of the key's UTF-8 bytes (32 bytes) */
    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * @return whether the presented key hashes to {@code storedHash}, compared in constant time
     *     ({@link MessageDigest#isEqual})
     */
    public static boolean matches(String presented, byte[] storedHash) {
        return MessageDigest.isEqual(hash(presented), storedHash);
    }
}
