package io.switchboard.carrier.bandwidth;

import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Bandwidth signs nothing: it authenticates its callbacks with the HTTP Basic credentials we gave it
 * ({@code username}/{@code password} on create-call, the callback credentials of the messaging
 * application). This checks them in constant time (RFC 7617).
 *
 * <p>Follows https://dev.bandwidth.com/docs/voice/programmable-voice/webhooks (callback
 * authentication) and the {@code username}/{@code password} fields of {@code createCall}.
 */
public final class BandwidthWebhookAuth {

    private BandwidthWebhookAuth() {
    }

    /**
     * @param webhook the callback as received
     * @param username the Basic user we issued ({@code webhook_username})
     * @param password its password ({@code webhook_password})
     * @return ok; 401 when the {@code Authorization} header is missing, not Basic or not decodable;
     *     403 when the credentials are wrong
     */
    public static WebhookCheck verify(InboundWebhook webhook, String username, String password) {
        String header = webhook.header("authorization");
        if (header == null || header.isBlank()) {
            return WebhookCheck.unauthorized("no Authorization header");
        }
        String trimmed = header.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return WebhookCheck.unauthorized("Authorization is not HTTP Basic");
        }
        String presented;
        try {
            presented = new String(Base64.getDecoder().decode(trimmed.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return WebhookCheck.unauthorized("Basic credentials are not Base64");
        }
        if (presented.indexOf(':') < 0) {
            return WebhookCheck.unauthorized("Basic credentials have no ':'");
        }
        if (!Signing.constantTimeEquals(username + ":" + password, presented)) {
            return WebhookCheck.forbidden("Basic credentials do not match");
        }
        return WebhookCheck.ok();
    }
}
