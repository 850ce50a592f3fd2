package io.switchboard.carrier.exotel;

import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.util.Locale;

/**
 * Authenticates Exotel webhooks with HTTP Basic credentials that Switchboard issues. Exotel documents
 * no webhook signature (only source-IP allow-lists), so each account carries a
 * {@code webhook_username} and {@code webhook_password}; the status-callback URLs Switchboard hands
 * to Exotel carry them as user information ({@code ExotelRequests.callbackUrl}), and Exotel's HTTP
 * client sends them back as {@code Authorization: Basic} (RFC 7617). The comparison is constant-time
 * over the whole header value.
 *
 * <p>See section 8 of {@code carrier-wire-formats.md} ("Webhook authentication") and
 * <a href="https://developer.exotel.com/api/statuscallback">StatusCallback</a>.
 */
final class ExotelWebhookAuth {

    private ExotelWebhookAuth() {
    }

    /**
     * @param username the account's {@code webhook_username}
     * @param password the account's {@code webhook_password}
     * @return ok; 401 when no Basic {@code Authorization} header is present; 403 when its
     *     credentials are not the account's
     */
    static WebhookCheck verify(String username, String password, InboundWebhook webhook) {
        String header = webhook.header("Authorization");
        if (header == null || !header.trim().toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return WebhookCheck.unauthorized("missing Basic Authorization");
        }
        String presented = "Basic " + header.trim().substring(6).trim();
        return Signing.constantTimeEquals(Signing.basic(username, password), presented)
                ? WebhookCheck.ok() : WebhookCheck.forbidden("webhook credentials do not match");
    }
}
