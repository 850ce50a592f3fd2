package io.switchboard.carrier.sinch;

import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Sinch's "Application" signed request, used both on our Voice API requests and on Sinch's voice
 * callbacks: {@code Authorization: Application {applicationKey}:{signature}} with
 * {@code x-timestamp} (ISO-8601), where
 * <pre>
 * StringToSign = METHOD \n base64(MD5(body)) or "" \n Content-Type or "" \n x-timestamp:{x-timestamp} \n path
 * signature    = base64(HMAC-SHA256(base64decode(applicationSecret), UTF-8 StringToSign))
 * </pre>
 * {@code path} is the decoded path without query. On callbacks, Switchboard also refuses an
 * {@code x-timestamp} more than {@link #WINDOW} away from now (replay protection).
 *
 * <p>Follows https://developers.sinch.com/docs/voice/api-reference/authentication/signed-request
 * and sinch-sdk-java {@code ApplicationAuthManager} (vector in its {@code ApplicationAuthManagerTest}).
 */
public final class SinchApplicationSignature {

    /** The accepted distance between {@code x-timestamp} and now. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private SinchApplicationSignature() {
    }

    /** @return the string to sign */
    public static String stringToSign(String method, byte[] body, String contentType, String timestamp, String path) {
        String md5 = body == null || body.length == 0 ? "" : Signing.base64(Signing.digest("MD5", body));
        return String.join("\n", method, md5, contentType == null ? "" : contentType, "x-timestamp:" + timestamp, path);
    }

    /**
     * @param key the application key
     * @param secretBase64 the application secret, Base64 as Sinch issues it
     * @return the {@code Authorization} value, {@code Application {key}:{signature}}
     */
    public static String authorization(String key, String secretBase64, String method, byte[] body,
                                       String contentType, String timestamp, String path) {
        byte[] mac = Signing.hmac("HmacSHA256", Base64.getDecoder().decode(secretBase64),
                stringToSign(method, body, contentType, timestamp, path).getBytes(StandardCharsets.UTF_8));
        return "Application " + key + ":" + Signing.base64(mac);
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param timestamp the {@code x-timestamp} header, or null
     * @param window the accepted distance between {@code timestamp} and {@code now}
     * @return ok; 401 when a header is missing or malformed; 403 when the key is another
     *     application's, the timestamp is outside the window or the signature does not match
     */
    public static WebhookCheck verify(String key, String secretBase64, String method, byte[] body, String contentType,
                                      String authorization, String timestamp, String path, Instant now,
                                      Duration window) {
        if (authorization == null || authorization.isBlank()) {
            return WebhookCheck.unauthorized("no Authorization header");
        }
        String value = authorization.trim();
        int colon = value.lastIndexOf(':');
        if (!value.startsWith("Application ") || colon < 12) {
            return WebhookCheck.unauthorized("Authorization is not 'Application key:signature'");
        }
        if (timestamp == null || timestamp.isBlank()) {
            return WebhookCheck.unauthorized("no x-timestamp header");
        }
        Instant at;
        try {
            at = Instant.parse(timestamp.trim());
        } catch (DateTimeParseException e) {
            return WebhookCheck.unauthorized("x-timestamp is not ISO-8601");
        }
        if (!Signing.constantTimeEquals(key, value.substring(12, colon).trim())) {
            return WebhookCheck.forbidden("signed by another application key");
        }
        if (Duration.between(at, now).abs().compareTo(window) > 0) {
            return WebhookCheck.forbidden("x-timestamp outside ±" + window.toSeconds() + " s");
        }
        String expected = authorization(key, secretBase64, method, body, contentType, timestamp, path);
        if (!Signing.constantTimeEquals(expected, "Application " + key + ":" + value.substring(colon + 1).trim())) {
            return WebhookCheck.forbidden("Application signature does not match");
        }
        return WebhookCheck.ok();
    }
}
