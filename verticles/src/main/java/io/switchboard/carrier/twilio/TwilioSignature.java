package io.switchboard.carrier.twilio;

import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's {@code X-Twilio-Signature}: {@code base64(HMAC-SHA1(key = AuthToken, data = URL +
 * name1 + value1 + name2 + value2 ...))} with the POST parameters sorted by name and, for a
 * repeated name, each distinct value in sorted order. The URL is the full URL Twilio requested,
 * query included. A signature is accepted over the URL without its port and over the URL with the
 * scheme's default port added ({@code :443}, {@code :80}), because Twilio signs either form.
 * Requests with a JSON body carry {@code bodySHA256=<hex SHA-256 of the body>} in the URL: the
 * signature then covers the URL alone, and the hash is checked against the body.
 *
 * <p>Follows <a href="https://www.twilio.com/docs/usage/webhooks/webhooks-security">Webhooks
 * security</a> and the official validators: twilio-java
 * {@code com/twilio/security/RequestValidator.java}, twilio-python
 * {@code twilio/request_validator.py} (whose test vectors the unit tests replay).
 */
final class TwilioSignature {

    /** The signature header. */
    static final String HEADER = "X-Twilio-Signature";
    private static final String BODY_HASH = "bodySHA256";

    private TwilioSignature() {
    }

    /**
     * @param authToken the account's auth token (the HMAC key, UTF-8)
     * @param url the exact URL to sign
     * @param params the POST parameters (every value of a repeated name), empty for none
     * @return the Base64 signature Twilio would send for them
     */
    static String compute(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.stream().distinct().sorted()
                .forEach(value -> data.append(name).append(value)));
        return Signing.base64(Signing.hmac("HmacSHA1", authToken, data.toString()));
    }

    /**
     * @return whether {@code signature} matches {@code url} (without its port, or with the default
     *     port added) and {@code params}; both candidates are computed and compared in constant time
     */
    static boolean matches(String authToken, String url, Map<String, List<String>> params, String signature) {
        boolean withoutPort = Signing.constantTimeEquals(compute(authToken, withoutPort(url), params), signature);
        boolean withPort = Signing.constantTimeEquals(compute(authToken, withDefaultPort(url), params), signature);
        return withoutPort | withPort;
    }

    /**
     * Checks a webhook as Twilio signs it.
     *
     * @return ok; 401 when the header is missing; 403 when the signature or the body hash does not match
     */
    static WebhookCheck verify(String authToken, InboundWebhook webhook) {
        String signature = webhook.header(HEADER);
        if (signature == null || signature.isBlank()) {
            return WebhookCheck.unauthorized("missing " + HEADER);
        }
        Map<String, List<String>> params = webhook.form();
        List<String> hashes = webhook.query().get(BODY_HASH);
        if (!webhook.isForm() && hashes != null && !hashes.isEmpty()) {
            String actual = Signing.hex(Signing.digest("SHA-256", webhook.body()));
            if (!Signing.constantTimeEquals(actual, hashes.get(0).toLowerCase(Locale.ROOT))) {
                return WebhookCheck.forbidden(BODY_HASH + " does not match the body");
            }
            params = Map.of();
        }
        return matches(authToken, webhook.url(), params, signature.trim())
                ? WebhookCheck.ok() : WebhookCheck.forbidden(HEADER + " does not match");
    }

    /** @return {@code url} without an explicit port ({@code https://h:443/p} becomes {@code https://h/p}) */
    static String withoutPort(String url) {
        int[] authority = authority(url);
        if (authority == null) {
            return url;
        }
        int colon = portColon(url, authority);
        return colon < 0 ? url : url.substring(0, colon) + url.substring(authority[1]);
    }

    /** @return {@code url} with the scheme's default port added when it names none (443 https, 80 http) */
    static String withDefaultPort(String url) {
        int[] authority = authority(url);
        if (authority == null || portColon(url, authority) >= 0) {
            return url;
        }
        String scheme = url.substring(0, authority[0] - 3).toLowerCase(Locale.ROOT);
        String port = switch (scheme) {
            case "https" -> "443";
            case "http" -> "80";
            default -> null;
        };
        return port == null ? url : url.substring(0, authority[1]) + ":" + port + url.substring(authority[1]);
    }

    /** @return start and end index of the authority ({@code user@host:port}), or null without {@code ://} */
    private static int[] authority(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int start = scheme + 3;
        int end = url.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = url.indexOf(stop, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return new int[] {start, end};
    }

    /** @return the index of the colon before the port, or -1 when the authority has no port */
    private static int portColon(String url, int[] authority) {
        String text = url.substring(authority[0], authority[1]);
        int colon = text.lastIndexOf(':');
        if (colon <= text.lastIndexOf('@') || colon <= text.lastIndexOf(']')) {
            return -1;
        }
        return authority[0] + colon;
    }
}
