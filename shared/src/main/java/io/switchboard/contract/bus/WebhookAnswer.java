package io.switchboard.contract.bus;

/**
 * A carrier adapter's answer to a {@link WebhookDelivery}: what the http-api sends back to the
 * carrier. 401/403 for a webhook whose signature or credentials fail, 400 for an unreadable body,
 * otherwise 200 (with the call-control instructions some providers expect).
 *
 * @param status the HTTP status
 * @param contentType the body's content type, or null for no body
 * @param body the body, or null
 */
public record WebhookAnswer(int status, String contentType, String body) {

    /** @return an empty answer with {@code status} */
    public static WebhookAnswer of(int status) {
        return new WebhookAnswer(status, null, null);
    }
}
