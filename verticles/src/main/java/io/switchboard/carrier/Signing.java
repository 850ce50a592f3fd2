package io.switchboard.carrier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives carrier signature schemes are built from, all from the JDK's JCA: HMAC, hashes,
 * Base64/hex and constant-time comparison. Each provider composes its own string-to-sign.
 */
public final class Signing {

    private Signing() {
    }

    /**
     * @param algorithm a JCA MAC name: {@code HmacSHA1}, {@code HmacSHA256}
     * @param key the key bytes
     * @param data the data bytes
     * @return the MAC
     */
    public static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** @return HMAC of UTF-8 {@code data} under UTF-8 {@code key} */
    public static byte[] hmac(String algorithm, String key, String data) {
        return hmac(algorithm, key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param algorithm a JCA digest name: {@code SHA-256}, {@code MD5}
     * @return the digest of {@code data}
     */
    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** @return standard Base64 with padding */
    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @return lower-case hex */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Compares two signatures in time independent of where they differ.
     *
     * @return true if both are non-null and equal
     */
    public static boolean constantTimeEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /** @return an HTTP Basic {@code Authorization} value (RFC 7617) */
    public static String basic(String user, String password) {
        return "Basic " + base64((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
