package io.switchboard.carrier;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request to a carrier's API, built by a {@link CarrierProvider} and sent by the shared
 * adapter (keep-alive pool, timeout, circuit breaker). Providers put every header they need here,
 * authentication included.
 *
 * @param method the HTTP method, upper case ({@code POST})
 * @param url the absolute URL, query included
 * @param headers request headers in order ({@code Content-Type}, {@code Authorization}, ...)
 * @param body the body bytes, or an empty array
 */
public record CarrierHttpRequest(String method, String url, Map<String, String> headers, byte[] body) {

    /** Copies the headers, keeping their order; a null body is empty. */
    public CarrierHttpRequest {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param name a header name, any case
     * @return its value, or null
     */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
