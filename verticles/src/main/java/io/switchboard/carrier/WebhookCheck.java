package io.switchboard.carrier;

/**
 * The verdict on a webhook's authenticity (signature, timestamp window, credentials).
 *
 * @param accepted whether the webhook is genuine
 * @param status the HTTP status to answer a refused webhook with: 401 (no or malformed
 *     credentials) or 403 (a signature or credential that does not match, a replay)
 * @param reason why it was refused, for the log; never a secret
 */
public record WebhookCheck(boolean accepted, int status, String reason) {

    private static final WebhookCheck OK = new WebhookCheck(true, 200, "");

    /** @return the verdict for a genuine webhook */
    public static WebhookCheck ok() {
        return OK;
    }

    /** @return a refusal with 401, for missing or unreadable credentials or signature */
    public static WebhookCheck unauthorized(String reason) {
        return new WebhookCheck(false, 401, reason);
    }

    /** @return a refusal with 403, for a signature that does not match or a replayed request */
    public static WebhookCheck forbidden(String reason) {
        return new WebhookCheck(false, 403, reason);
    }
}
