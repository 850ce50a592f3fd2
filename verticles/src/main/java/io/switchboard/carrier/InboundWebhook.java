package io.switchboard.carrier;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A webhook a carrier sent to {@code POST|GET /v1/webhooks/{carrier}/{...}}, exactly as received:
 * signature schemes sign the URL, the raw body or both, so nothing is re-encoded.
 *
 * @param method the HTTP method, upper case
 * @param url the full URL the carrier requested, as it knows it: the configured public webhook
 *     base, the path and the raw query ({@code https://sb.example.com/v1/webhooks/twilio/voice/ID?x=1})
 * @param path the part after {@code /v1/webhooks/{carrier}}, starting with {@code /} (or empty)
 * @param headers request headers, names in lower case (first value of each)
 * @param body the raw body bytes (possibly empty)
 * @param remoteAddress the sender's IP address, for logs and allow-lists
 */
public record InboundWebhook(String method, String url, String path, Map<String, String> headers, byte[] body,
                             String remoteAddress) {

    /** Lower-cases header names; a null body is empty. */
    public InboundWebhook {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body;
    }

    /** @return the header's value, any case of {@code name}, or null */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return whether the body is {@code application/x-www-form-urlencoded} */
    public boolean isForm() {
        String type = header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * @return the form parameters of the body (every value of a repeated name, in order), or an
     *     empty map when the body is not a form
     */
    public Map<String, List<String>> form() {
        return isForm() ? new QueryStringDecoder(bodyText(), StandardCharsets.UTF_8, false).parameters() : Map.of();
    }

    /** @return the query parameters of {@link #url()} */
    public Map<String, List<String>> query() {
        return new QueryStringDecoder(url, StandardCharsets.UTF_8).parameters();
    }

    /**
     * @param name a form field or, failing that, a query parameter
     * @return its first value, or null
     */
    public String param(String name) {
        List<String> values = form().get(name);
        if (values == null || values.isEmpty()) {
            values = query().get(name);
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
