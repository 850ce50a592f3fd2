package io.switchboard.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackPathsTest {

    private static final CarrierAccount ACCOUNT =
            new CarrierAccount("t", "twilio", "x", Map.of(), Map.of(), "https://h/w");

    @Test
    void callbackUrlsCarryTheIdAsOnePathSegment() {
        assertEquals("https://h/w/voice/a%20b", CallbackPaths.voice(ACCOUNT, "a b"));
        assertEquals("https://h/w/sms/m%2B1%2Fx", CallbackPaths.sms(ACCOUNT, "m+1/x"));
        assertEquals("https://h/w/voice/3f6c1a2e-8d4b", CallbackPaths.url("https://h/w", CallbackPaths.VOICE,
                "3f6c1a2e-8d4b"));
        assertEquals("a%20b%3Ac", CallbackPaths.segment("a b:c"));
    }

    @Test
    void idsAreReadBackFromWebhookPaths() {
        assertEquals("3f6c1a2e-8d4b", CallbackPaths.id("/voice/3f6c1a2e-8d4b"));
        assertEquals("a b", CallbackPaths.id("/sms/a%20b"));
        assertEquals("m+1/x", CallbackPaths.id("/sms/m%2B1%2Fx"));
        assertEquals("a+b", CallbackPaths.id("/voice/a+b"));
        assertEquals("c", CallbackPaths.id("/voice/c/answer"));
        assertNull(CallbackPaths.id("/voice/"));
        assertNull(CallbackPaths.id("/other/x"));
        assertNull(CallbackPaths.id(""));
        assertNull(CallbackPaths.id(null));
    }

    @Test
    void idsOfOneKindOnly() {
        assertEquals("a b", CallbackPaths.id("/voice/a%20b", CallbackPaths.VOICE));
        assertNull(CallbackPaths.id("/sms/x", CallbackPaths.VOICE));
        assertNull(CallbackPaths.id("/voice/", CallbackPaths.VOICE));
        assertNull(CallbackPaths.id(null, CallbackPaths.VOICE));
    }

    @Test
    void exactIdsHaveNoFurtherSegment() {
        assertEquals("a b", CallbackPaths.exactId("/sms/a%20b"));
        assertEquals("c", CallbackPaths.exactId("/voice/c"));
        assertNull(CallbackPaths.exactId("/voice/a/b"));
        assertNull(CallbackPaths.exactId("/voice/"));
        assertNull(CallbackPaths.exactId("/other/x"));
        assertNull(CallbackPaths.exactId(null));
    }
}
