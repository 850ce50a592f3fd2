package io.switchboard.carrier.plivo;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plivo webhook signatures, V3: {@code X-Plivo-Signature-V3 = base64(HMAC-SHA256(auth_token,
 * stringToSign + "." + nonce))} with the nonce in {@code X-Plivo-Signature-V3-Nonce}; the header
 * may hold several comma-separated signatures (rotated tokens), any of which may match.
 *
 * <p>String to sign, as the official SDK builds it (https://github.com/plivo/plivo-python,
 * {@code plivo/utils/signature_v3.py}; plivo-java {@code Utils.computeSignatureV3}), with
 * {@code base = scheme://netloc/path}:
 * <ul>
 *   <li>GET: {@code base + "?" + k=v&k=v} over the query and callback parameters together, sorted
 *       by key (a repeated key's values sorted too), or {@code base} when there are none;</li>
 *   <li>POST with body parameters: {@code base + "?" + sorted query k=v&k=v + ("." if there was a
 *       query) + concat(key + value)} over the sorted body parameters;</li>
 *   <li>POST without body parameters: {@code base}, plus {@code "?" + sorted query} if any.</li>
 * </ul>
 * Query and body values are compared decoded. plivo-java drops the URL's port where plivo-python
 * keeps it; both forms are accepted. V3 carries no timestamp, so replays within Plivo's nonce are
 * not detected here (that would need a nonce store).
 */
final class PlivoSignature {

    /** Header with one or more comma-separated V3 signatures. */
    static final String SIGNATURE_HEADER = "X-Plivo-Signature-V3";
    /** Header with the V3 nonce. */
    static final String NONCE_HEADER = "X-Plivo-Signature-V3-Nonce";

    private PlivoSignature() {
    }

    /**
     * @param authToken the account's (or subaccount's) auth token
     * @param webhook the webhook, URL as Plivo requested it, body parameters in its form
     * @return ok; 401 when a header is missing; 403 when no signature matches
     */
    static WebhookCheck verify(String authToken, InboundWebhook webhook) {
        String header = webhook.header(SIGNATURE_HEADER);
        String nonce = webhook.header(NONCE_HEADER);
        if (header == null || header.isBlank() || nonce == null || nonce.isBlank()) {
            return WebhookCheck.unauthorized("missing " + SIGNATURE_HEADER + " or " + NONCE_HEADER);
        }
        Map<String, List<String>> params = "GET".equals(webhook.method()) ? Map.of() : webhook.form();
        for (String url : urlForms(webhook.url())) {
            String expected = sign(authToken, stringToSign(webhook.method(), url, params), nonce);
            for (String candidate : header.split(",")) {
                if (Signing.constantTimeEquals(expected, candidate.trim())) {
                    return WebhookCheck.ok();
                }
            }
        }
        return WebhookCheck.forbidden(SIGNATURE_HEADER + " does not match");
    }

    /** @return {@code base64(HMAC-SHA256(authToken, stringToSign + "." + nonce))} */
    static String sign(String authToken, String stringToSign, String nonce) {
        return Signing.base64(Signing.hmac("HmacSHA256", authToken, stringToSign + "." + nonce));
    }

    /**
     * @param method {@code GET} or {@code POST}
     * @param url the absolute URL, query included
     * @param params the body parameters (POST) or extra callback parameters (GET), decoded
     * @return the string Plivo signs, as in the class comment
     */
    static String stringToSign(String method, String url, Map<String, List<String>> params) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + path;
        Map<String, List<String>> query = uri.getRawQuery() == null ? Map.of()
                : new QueryStringDecoder(uri.getRawQuery(), StandardCharsets.UTF_8, false).parameters();
        if ("GET".equals(method)) {
            TreeMap<String, List<String>> all = new TreeMap<>(query);
            params.forEach((key, values) -> all.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values));
            String joined = joined(all);
            return joined.isEmpty() ? base : base + "?" + joined;
        }
        String sortedQuery = joined(new TreeMap<>(query));
        if (params.isEmpty()) {
            return sortedQuery.isEmpty() ? base : base + "?" + sortedQuery;
        }
        StringBuilder out = new StringBuilder(base).append('?').append(sortedQuery);
        if (!sortedQuery.isEmpty()) {
            out.append('.');
        }
        new TreeMap<>(params).forEach((key, values) -> values.stream().sorted()
                .forEach(value -> out.append(key).append(value)));
        return out.toString();
    }

    /**
     * Legacy V2 ({@code X-Plivo-Signature-V2}): {@code base64(HMAC-SHA256(auth_token, url without
     * query + nonce))}. Not accepted by {@link #verify}, which requires V3 (V2 does not sign the
     * body); kept to check the official plivo-java/plivo-python vectors against the same primitives.
     */
    static String v2(String authToken, String url, String nonce) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return Signing.base64(Signing.hmac("HmacSHA256", authToken, base + nonce));
    }

    /** @return the URL as given and, if it names a port, the same URL without it (plivo-java's form) */
    static Set<String> urlForms(String url) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(url);
        URI uri = URI.create(url);
        if (uri.getPort() >= 0) {
            forms.add(url.replaceFirst("^(\\w+://[^/:?#]+):\\d+", "$1"));
        }
        return forms;
    }

    private static String joined(TreeMap<String, List<String>> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((key, values) -> values.stream().sorted().forEach(value -> pairs.add(key + "=" + value)));
        return String.join("&", pairs);
    }
}
