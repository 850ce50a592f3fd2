package io.switchboard.carrier.sinch;

import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * The HMAC Sinch signs SMS (and Conversation) webhooks with: headers
 * {@code x-sinch-webhook-signature}, {@code -signature-timestamp} (Unix seconds),
 * {@code -signature-nonce} and {@code -signature-algorithm} ({@code HmacSHA256}), where
 * {@code signature = base64(HMAC(secret UTF-8, body + "." + nonce + "." + timestamp))}. Only
 * SHA-256 and SHA-512 HMACs are accepted, and the timestamp must be within {@link #WINDOW_S} of now.
 *
 * <p>Follows https://developers.sinch.com/docs/sms/api-reference/sms/tag/Webhooks (callback
 * signing) and sinch-sdk-java {@code HmacAuthenticationValidation} (vector in its test).
 */
public final class SinchWebhookHmac {

    /** The accepted distance between the signature timestamp and now, s. */
    public static final long WINDOW_S = 300;
    private static final Set<String> ALGORITHMS = Set.of("HmacSHA256", "HmacSHA512");

    private SinchWebhookHmac() {
    }

    /** @return base64 HMAC of {@code body.nonce.timestamp} under {@code secret} */
    public static String sign(String secret, byte[] body, String nonce, String timestamp, String algorithm) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(body);
        data.writeBytes(("." + nonce + "." + timestamp).getBytes(StandardCharsets.UTF_8));
        return Signing.base64(Signing.hmac(algorithm, secret.getBytes(StandardCharsets.UTF_8), data.toByteArray()));
    }

    /**
     * @param secret the webhook secret ({@code webhook_secret})
     * @return ok; 401 when a header is missing, the algorithm is not accepted or the timestamp is
     *     unreadable; 403 when the timestamp is outside the window or the signature does not match
     */
    public static WebhookCheck verify(InboundWebhook webhook, String secret, Instant now) {
        String signature = webhook.header("x-sinch-webhook-signature");
        String timestamp = webhook.header("x-sinch-webhook-signature-timestamp");
        String nonce = webhook.header("x-sinch-webhook-signature-nonce");
        String algorithm = webhook.header("x-sinch-webhook-signature-algorithm");
        if (signature == null || timestamp == null || nonce == null || algorithm == null) {
            return WebhookCheck.unauthorized("missing x-sinch-webhook-signature headers");
        }
        if (!ALGORITHMS.contains(algorithm.trim())) {
            return WebhookCheck.unauthorized("signature algorithm '" + algorithm + "' is not accepted");
        }
        long at;
        try {
            at = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return WebhookCheck.unauthorized("signature timestamp is not Unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - at) > WINDOW_S) {
            return WebhookCheck.forbidden("signature timestamp outside ±" + WINDOW_S + " s");
        }
        String expected = sign(secret, webhook.body(), nonce, timestamp, algorithm.trim());
        if (!Signing.constantTimeEquals(expected, signature.trim())) {
            return WebhookCheck.forbidden("x-sinch-webhook-signature does not match");
        }
        return WebhookCheck.ok();
    }
}
