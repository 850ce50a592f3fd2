package io.switchboard.carrier;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A carrier API's HTTP response, as the shared adapter received it.
 *
 * @param status the HTTP status code
 * @param headers response headers; names compared ignoring case by {@link #header(String)}
 * @param body the body bytes (possibly empty)
 */
public record CarrierHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** Copies the headers; a null body is empty. */
    public CarrierHttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** @return true for a 2xx status */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param name a header name, any case
     * @return its first value, or null
     */
    public String header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
