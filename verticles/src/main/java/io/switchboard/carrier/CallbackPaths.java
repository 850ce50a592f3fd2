package io.switchboard.carrier;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The webhook convention every carrier adapter follows: a call's callbacks go to
 * {@code <webhookBase>/voice/<callId>} and a message's to {@code <webhookBase>/sms/<messageId>},
 * where {@code <webhookBase>} is {@link CarrierAccount#webhookBaseUrl()} (no trailing slash) and
 * the id is Switchboard's own, percent-encoded as one path segment. A carrier may append further
 * segments of its own ({@code /voice/<callId>/answer}). When the webhook comes back, our id is read
 * from {@link InboundWebhook#path()}, the part after {@code /v1/webhooks/<carrier>}.
 */
public final class CallbackPaths {

    /** The first path segment of call callbacks. */
    public static final String VOICE = "voice";

    /** The first path segment of message callbacks. */
    public static final String SMS = "sms";

    private CallbackPaths() {
    }

    /**
     * @param webhookBase the account's webhook base URL, without a trailing slash
     * @param kind {@link #VOICE} or {@link #SMS}
     * @param id Switchboard's call or message id
     * @return {@code <webhookBase>/<kind>/<id>}, the id percent-encoded by {@link #segment}
     */
    public static String url(String webhookBase, String kind, String id) {
        return webhookBase + "/" + kind + "/" + segment(id);
    }

    /** @return {@code <account's webhookBase>/voice/<callId>}; see {@link #url} */
    public static String voice(CarrierAccount account, String callId) {
        return url(account.webhookBaseUrl(), VOICE, callId);
    }

    /** @return {@code <account's webhookBase>/sms/<messageId>}; see {@link #url} */
    public static String sms(CarrierAccount account, String messageId) {
        return url(account.webhookBaseUrl(), SMS, messageId);
    }

    /**
     * @param raw any text (an id, an account name)
     * @return it percent-encoded (UTF-8) for one URL path segment or user information: everything
     *     but {@code A-Z a-z 0-9 . - * _} is encoded, a space as {@code %20} (never {@code +})
     */
    public static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param path a webhook path after the carrier prefix: {@code /voice/<id>[/...]} or
     *     {@code /sms/<id>[/...]}, or null
     * @return our id from it, percent-decoded ({@code +} stays {@code +}), or null when the path is
     *     of neither kind or carries no id
     */
    public static String id(String path) {
        String id = id(path, VOICE);
        return id != null ? id : id(path, SMS);
    }

    /**
     * @param path a webhook path after the carrier prefix, or null
     * @param kind {@link #VOICE} or {@link #SMS}
     * @return the decoded id of {@code /<kind>/<id>[/...]}, or null when the path is not of that
     *     kind or carries no id
     */
    public static String id(String path, String kind) {
        if (path == null) {
            return null;
        }
        String[] parts = path.split("/");
        if (parts.length < 3 || !parts[0].isEmpty() || !parts[1].equals(kind) || parts[2].isEmpty()) {
            return null;
        }
        return decode(parts[2]);
    }

    /**
     * For carriers that call back exactly the URL they were given, nothing appended.
     *
     * @param path a webhook path after the carrier prefix, or null
     * @return the decoded id of exactly {@code /voice/<id>} or {@code /sms/<id>} (no further
     *     segment, no trailing slash), or null otherwise
     */
    public static String exactId(String path) {
        if (path == null) {
            return null;
        }
        for (String kind : new String[] {VOICE, SMS}) {
            String prefix = "/" + kind + "/";
            if (path.startsWith(prefix) && path.length() > prefix.length()
                    && path.indexOf('/', prefix.length()) < 0) {
                return decode(path.substring(prefix.length()));
            }
        }
        return null;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
