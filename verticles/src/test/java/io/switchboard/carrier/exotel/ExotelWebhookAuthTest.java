package io.switchboard.carrier.exotel;

import static io.switchboard.carrier.exotel.ExotelFixtures.account;
import static io.switchboard.carrier.exotel.ExotelFixtures.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Exotel webhooks authenticated by the Basic credentials Switchboard issues. */
class ExotelWebhookAuthTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String BODY = "{\"CallSid\":\"c1\",\"Status\":\"completed\"}";
    private final ExotelProvider exotel = new ExotelProvider();

    @Test
    void accountCredentialsAreAccepted() {
        String good = Signing.basic("exotel-hooks", "p@ss word:1");

        assertEquals(WebhookCheck.ok(), exotel.verify(account(), webhook("/voice/x", "application/json", BODY, good), NOW));
        assertTrue(exotel.verify(account(), webhook("/voice/x", "application/json", BODY,
                good.replace("Basic ", "basic  ")), NOW).accepted(), "the scheme is case-insensitive");
    }

    @Test
    void missingAuthorizationIsUnauthorized() {
        WebhookCheck check = exotel.verify(account(), webhook("/voice/x", "application/json", BODY, null), NOW);

        assertFalse(check.accepted());
        assertEquals(401, check.status());
    }

    @Test
    void otherSchemeIsUnauthorized() {
        assertEquals(401, exotel.verify(account(), webhook("/voice/x", "application/json", BODY, "Bearer abc"), NOW)
                .status());
    }

    @Test
    void wrongPasswordIsForbidden() {
        WebhookCheck check = exotel.verify(account(), webhook("/voice/x", "application/json", BODY,
                Signing.basic("exotel-hooks", "p@ss word:2")), NOW);

        assertFalse(check.accepted());
        assertEquals(403, check.status());
    }

    @Test
    void wrongUserIsForbidden() {
        assertEquals(403, exotel.verify(account(), webhook("/voice/x", "application/json", BODY,
                Signing.basic("someone", "p@ss word:1")), NOW).status());
    }

    @Test
    void apiCredentialsAreNotWebhookCredentials() {
        assertEquals(403, exotel.verify(account(), webhook("/voice/x", "application/json", BODY,
                Signing.basic("key-2b04c2", "token-a1b2c3")), NOW).status());
    }
}
