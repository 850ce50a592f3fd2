package io.switchboard.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on outgoing webhooks, sent as
 * {@code Switchboard-Signature: t=<unix seconds>,v1=<hex>}.
 *
 * <p>{@code v1} is the lowercase hex HMAC-SHA256 (RFC 2104 HMAC, FIPS 180-4 SHA-256) keyed with
 * the UTF-8 bytes of the endpoint's secret, over the UTF-8 bytes of {@code t + "." + body}, where
 * body is exactly the request body sent. Putting {@code t} under the MAC lets a receiver refuse
 * replays older than its tolerance.
 *
 * <p>While a secret is being rotated the header may carry several {@code v1} entries, one per
 * secret ({@code t=1700000000,v1=<new>,v1=<old>}); a receiver accepts the request if any of them
 * matches its secret. Entries with other keys (e.g. a future {@code v2}) are ignored.
 */
public final class WebhookSignature {

    /** The header name. */
    public static final String HEADER = "Switchboard-Signature";

    /** The default tolerance between the signed time and the receiver's clock, in seconds. */
    public static final long DEFAULT_TOLERANCE_S = 300;

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignature() {
    }

    /**
     * Builds the header value for one request.
     *
     * @param secret the endpoint's signing secret, not empty
     * @param unixSeconds the signing time in seconds since the Unix epoch, not negative
     * @param body the exact request body (sent as UTF-8)
     * @return {@code t=<unixSeconds>,v1=<64 lowercase hex digits>}
     * @throws NullPointerException naming secret or body when null
     * @throws IllegalArgumentException naming secret when empty, or unixSeconds when negative
     */
    public static String header(String secret, long unixSeconds, String body) {
        requireSecret(secret);
        Objects.requireNonNull(body, "body");
        if (unixSeconds < 0) {
            throw new IllegalArgumentException("unixSeconds must not be negative: " + unixSeconds);
        }
        return "t=" + unixSeconds + ",v1=" + HEX.formatHex(mac(secret, unixSeconds, body));
    }

    /**
     * Checks a received header against a body.
     *
     * <p>False, never an exception, for a header that is null, empty or malformed: without
     * exactly one {@code t} of at most 18 decimal digits, or without a {@code v1}, or with an
     * entry lacking {@code =} (entries are {@code key=value} joined by {@code ,}, no whitespace).
     * False when {@code |now - t| > toleranceSeconds} (too old, or too far in the future).
     * Otherwise true if any {@code v1} equals the expected MAC; each comparison is constant-time
     * ({@link MessageDigest#isEqual}) and every {@code v1} is compared. Hex digits are compared
     * as sent, so an uppercase {@code v1} does not match.
     *
     * @param secret the endpoint's signing secret, not empty
     * @param header the received header value, or null when the header was absent
     * @param body the exact request body received (decoded as UTF-8)
     * @param nowUnixSeconds the receiver's clock, seconds since the Unix epoch
     * @param toleranceSeconds the largest accepted clock difference in seconds, not negative
     *     (usually {@link #DEFAULT_TOLERANCE_S})
     * @return whether the header is a valid, timely signature of body under secret
     * @throws NullPointerException naming secret or body when null
     * @throws IllegalArgumentException naming secret when empty, or toleranceSeconds when negative
     */
    public static boolean verify(String secret, String header, String body, long nowUnixSeconds,
            long toleranceSeconds) {
        requireSecret(secret);
        Objects.requireNonNull(body, "body");
        if (toleranceSeconds < 0) {
            throw new IllegalArgumentException(
                    "toleranceSeconds must not be negative: " + toleranceSeconds);
        }
        Parsed parsed = Parsed.of(header);
        if (parsed == null || !timely(parsed.t(), nowUnixSeconds, toleranceSeconds)) {
            return false;
        }
        byte[] expected =
                HEX.formatHex(mac(secret, parsed.t(), body)).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String candidate : parsed.v1()) {
            match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static boolean timely(long t, long now, long tolerance) {
        try {
            return Math.absExact(Math.subtractExact(now, t)) <= tolerance;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    private static void requireSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
    }

    private static byte[] mac(String secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is a mandatory JCA algorithm; a non-empty key is always valid.
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    /** A syntactically valid header: its time and its v1 values, as sent. */
    private record Parsed(long t, List<String> v1) {

        static Parsed of(String header) {
            if (header == null || header.isEmpty()) {
                return null;
            }
            Long t = null;
            List<String> v1 = new ArrayList<>();
            for (String entry : header.split(",", -1)) {
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    return null;
                }
                String key = entry.substring(0, eq);
                String value = entry.substring(eq + 1);
                if (key.equals("t")) {
                    if (t != null || !isDigits(value) || value.length() > 18) {
                        return null;
                    }
                    t = Long.parseLong(value);
                } else if (key.equals("v1")) {
                    v1.add(value);
                }
            }
            if (t == null || v1.isEmpty()) {
                return null;
            }
            return new Parsed(t, v1);
        }

        private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");

        private static boolean isDigits(String s) {
            return DIGITS.matcher(s).matches();
        }
    }
}
