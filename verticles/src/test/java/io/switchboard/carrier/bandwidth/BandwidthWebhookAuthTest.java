package io.switchboard.carrier.bandwidth;

import static io.switchboard.carrier.bandwidth.BandwidthFixtures.account;
import static io.switchboard.carrier.bandwidth.BandwidthFixtures.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BandwidthWebhookAuthTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String BODY = "{\"eventType\":\"answer\",\"callId\":\"c-1\"}";
    private final BandwidthProvider bandwidth = new BandwidthProvider();

    private WebhookCheck check(Map<String, String> headers) {
        return bandwidth.verify(account(), webhook("/voice/call-123/answer", BODY, headers), NOW);
    }

    @Test
    void issuedCredentialsAreAccepted() {
        assertTrue(check(Map.of("Authorization", Signing.basic("hook-user", "hook-secret"))).accepted());
        assertTrue(check(Map.of("authorization", "basic " + Signing.base64("hook-user:hook-secret".getBytes()))).accepted());
    }

    @Test
    void missingAuthorizationIs401() {
        WebhookCheck check = check(Map.of());
        assertFalse(check.accepted());
        assertEquals(401, check.status());
    }

    @Test
    void otherSchemeOrUndecodableCredentialsAre401() {
        assertEquals(401, check(Map.of("Authorization", "Bearer abc")).status());
        assertEquals(401, check(Map.of("Authorization", "Basic %%%not-base64")).status());
        assertEquals(401, check(Map.of("Authorization", "Basic " + Signing.base64("no-colon".getBytes()))).status());
    }

    @Test
    void wrongPasswordOrUserIs403() {
        WebhookCheck wrongPassword = check(Map.of("Authorization", Signing.basic("hook-user", "guess")));
        assertFalse(wrongPassword.accepted());
        assertEquals(403, wrongPassword.status());
        assertEquals(403, check(Map.of("Authorization", Signing.basic("api-user", "hook-secret"))).status());
        // the API user's own credentials are not the webhook credentials
        assertEquals(403, check(Map.of("Authorization", Signing.basic("api-user", "api-secret"))).status());
    }
}
