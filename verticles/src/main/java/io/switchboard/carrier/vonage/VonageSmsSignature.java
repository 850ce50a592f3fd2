package io.switchboard.carrier.vonage;

import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SMS API's {@code sig} parameter (delivery receipts and signed requests).
 *
 * <p>String to sign: every parameter except {@code sig}, blank values dropped, sorted by name,
 * each as {@code &name=value} with {@code =} and {@code &} inside names and values replaced by
 * {@code _}. {@link Method#MD5HASH}: {@code hex(md5(string + secret))}; the HMAC methods:
 * {@code hex(HMAC(secret, string))}. Compared ignoring case. {@code timestamp} (Unix seconds) must
 * be within ±300 s. The method is an account setting at Vonage (dashboard "signature method"),
 * here the setting {@code sms_signature_method}: {@code md5hash} (the SDK's default),
 * {@code md5}, {@code sha1}, {@code sha256}, {@code sha512}.
 *
 * <p>Follows https://developer.vonage.com/en/getting-started/concepts/signing-messages and
 * vonage-java-sdk {@code RequestSigning} (vectors in its {@code RequestSigningTest}).
 */
public final class VonageSmsSignature {

    /** The accepted distance between {@code timestamp} and now, s. */
    public static final long WINDOW_S = 300;

    /** Vonage's signature methods. */
    public enum Method {
        /** {@code md5(string + secret)}. */
        MD5HASH(null),
        /** HMAC-MD5. */
        MD5("HmacMD5"),
        /** HMAC-SHA1. */
        SHA1("HmacSHA1"),
        /** HMAC-SHA256. */
        SHA256("HmacSHA256"),
        /** HMAC-SHA512. */
        SHA512("HmacSHA512");

        private final String jca;

        Method(String jca) {
            this.jca = jca;
        }

        /**
         * @param setting {@code md5hash}, {@code md5}, {@code sha1}, {@code sha256} or {@code sha512}
         * @throws IllegalStateException for another word (a configuration error)
         */
        public static Method of(String setting) {
            try {
                return valueOf(setting.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("unknown sms_signature_method '" + setting + "'");
            }
        }
    }

    private VonageSmsSignature() {
    }

    /** @return the string to sign: {@code &a=alphabet&b=bananas&timestamp=2100} */
    public static String stringToSign(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (!"sig".equals(name) && value != null && !value.trim().isEmpty()) {
                out.append('&').append(clean(name)).append('=').append(clean(value));
            }
        });
        return out.toString();
    }

    /** @return the lower-case hex signature of {@code params} under {@code secret} */
    public static String sign(Map<String, String> params, String secret, Method method) {
        String data = stringToSign(params);
        byte[] mac = method == Method.MD5HASH
                ? Signing.digest("MD5", (data + secret).getBytes(StandardCharsets.UTF_8))
                : Signing.hmac(method.jca, secret, data);
        return Signing.hex(mac);
    }

    /**
     * @param params the webhook's parameters, {@code sig} and {@code timestamp} included
     * @return ok; 401 without {@code sig} or a readable {@code timestamp}; 403 when the timestamp
     *     is outside the window or the signature does not match
     */
    public static WebhookCheck verify(Map<String, String> params, String secret, Method method, Instant now) {
        String sig = params.get("sig");
        if (sig == null || sig.isBlank()) {
            return WebhookCheck.unauthorized("no sig parameter");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(params.getOrDefault("timestamp", "").trim());
        } catch (NumberFormatException e) {
            return WebhookCheck.unauthorized("no readable timestamp parameter");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > WINDOW_S) {
            return WebhookCheck.forbidden("timestamp outside ±" + WINDOW_S + " s");
        }
        String expected = sign(params, secret, method);
        if (!Signing.constantTimeEquals(expected, sig.trim().toLowerCase(Locale.ROOT))) {
            return WebhookCheck.forbidden("sig does not match");
        }
        return WebhookCheck.ok();
    }

    private static String clean(String text) {
        return text.replaceAll("[=&]", "_");
    }
}
