package io.switchboard.contract.bus;

import java.util.Map;

/**
 * A carrier webhook as the http-api received it, handed to the carrier's adapter at
 * {@link Addresses#carrierWebhook(String)}. Nothing is re-encoded: signatures cover the URL and
 * the raw body.
 *
 * @param carrier the carrier id of the URL ({@code /v1/webhooks/<carrier>/...})
 * @param method the HTTP method
 * @param url the full URL the carrier requested, as it knows it (the public webhook base + path + query)
 * @param path the part after {@code /v1/webhooks/<carrier>}, or empty
 * @param headers the request headers (first value of each)
 * @param body the raw body (JSON: Base64)
 * @param remoteAddress the sender's IP address
 */
public record WebhookDelivery(String carrier, String method, String url, String path, Map<String, String> headers,
                              byte[] body, String remoteAddress) {

    /** Copies the headers. */
    public WebhookDelivery {
        headers = Map.copyOf(headers);
    }
}
