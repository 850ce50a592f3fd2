package io.switchboard.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final long T = 1_700_000_000L;
    private static final String BODY = "{\"a\":1}";

    /** printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test' */
    private static final String OPENSSL_V1 =
            "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789";
    /** printf '%s' '1700000000.{"msg":"café €"}' | openssl dgst -sha256 -hmac 'whsec_test' */
    private static final String OPENSSL_V1_UTF8 =
            "fa6fc433594479560c9ee30ba272c738beb946a11ce517f39ed480695bcd94a3";
    /** printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_old' */
    private static final String OPENSSL_V1_OLD_SECRET =
            "b9d801502bb535e960ee9aeee7a294b082bda5089d79c7db610b85116ce6faa6";

    private static boolean verify(String header, String body, long now) {
        return WebhookSignature.verify(SECRET, header, body, now, WebhookSignature.DEFAULT_TOLERANCE_S);
    }

    @Test
    void theHeaderMatchesOpenssl() {
        assertEquals("t=1700000000,v1=" + OPENSSL_V1, WebhookSignature.header(SECRET, T, BODY));
    }

    @Test
    void theBodyIsSignedAsUtf8() {
        assertEquals("t=1700000000,v1=" + OPENSSL_V1_UTF8,
                WebhookSignature.header(SECRET, T, "{\"msg\":\"café €\"}"));
    }

    @Test
    void aKnownSignatureVerifies() {
        assertTrue(verify("t=1700000000,v1=" + OPENSSL_V1, BODY, T));
        assertTrue(verify(WebhookSignature.header(SECRET, T, BODY), BODY, T + 10));
    }

    @Test
    void aTamperedBodyFails() {
        String header = WebhookSignature.header(SECRET, T, BODY);
        assertFalse(verify(header, "{\"a\":2}", T));
        assertFalse(verify(header, BODY + " ", T));
        assertFalse(verify(header, "", T));
    }

    @Test
    void aTamperedTimestampFails() {
        assertFalse(verify("t=1700000001,v1=" + OPENSSL_V1, BODY, T));
    }

    @Test
    void aWrongSecretFails() {
        String header = WebhookSignature.header(SECRET, T, BODY);
        assertFalse(WebhookSignature.verify("whsec_other", header, BODY, T, 300));
        assertFalse(WebhookSignature.verify("whsec_test ", header, BODY, T, 300));
    }

    @Test
    void anUppercaseSignatureFails() {
        assertFalse(verify("t=1700000000,v1=" + OPENSSL_V1.toUpperCase(), BODY, T));
    }

    @Test
    void theToleranceIsInclusiveInBothDirections() {
        String header = WebhookSignature.header(SECRET, T, BODY);
        assertTrue(verify(header, BODY, T + 300));
        assertTrue(verify(header, BODY, T - 300));
        assertFalse(verify(header, BODY, T + 301), "too old");
        assertFalse(verify(header, BODY, T - 301), "from the future");
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, T, 0));
        assertFalse(WebhookSignature.verify(SECRET, header, BODY, T + 1, 0));
    }

    @Test
    void extremeClocksFailWithoutOverflow() {
        String header = "t=999999999999999999,v1=" + OPENSSL_V1;
        assertFalse(WebhookSignature.verify(SECRET, header, BODY, Long.MIN_VALUE, Long.MAX_VALUE));
        assertFalse(verify("t=1700000000,v1=" + OPENSSL_V1, BODY, Long.MIN_VALUE));
    }

    @Test
    void anyOfSeveralV1ValuesMayMatchDuringRotation() {
        String bothOrders = "t=1700000000,v1=" + OPENSSL_V1_OLD_SECRET + ",v1=" + OPENSSL_V1;
        assertTrue(verify(bothOrders, BODY, T));
        assertTrue(WebhookSignature.verify("whsec_old", bothOrders, BODY, T, 300));
        assertTrue(verify("t=1700000000,v1=" + OPENSSL_V1 + ",v1=" + OPENSSL_V1_OLD_SECRET, BODY, T));
        assertFalse(WebhookSignature.verify("whsec_third", bothOrders, BODY, T, 300));
    }

    @Test
    void unknownSchemesAreIgnored() {
        assertTrue(verify("t=1700000000,v0=deadbeef,v1=" + OPENSSL_V1, BODY, T));
        assertFalse(verify("t=1700000000,v2=" + OPENSSL_V1, BODY, T), "v2 is not v1");
    }

    @Test
    void aMissingHeaderFails() {
        assertFalse(verify(null, BODY, T));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "t=abc,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "t=1700000000",
        "t=1700000000,v1=",
        "t=,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "t=-1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "t=+1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "t=1700000000,t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789,",
        "t=1700000000;v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "t=1700000000, v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d378",
        "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d37890",
        "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d378é",
        "t=00000000000000000001700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
    })
    void malformedHeadersFail(String header) {
        assertFalse(verify(header, BODY, T), header);
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals("secret", assertThrows(NullPointerException.class,
                () -> WebhookSignature.header(null, T, BODY)).getMessage());
        assertEquals("body", assertThrows(NullPointerException.class,
                () -> WebhookSignature.header(SECRET, T, null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebhookSignature.header("", T, BODY)).getMessage().startsWith("secret"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebhookSignature.header(SECRET, -1, BODY)).getMessage().startsWith("unixSeconds"));

        String header = WebhookSignature.header(SECRET, T, BODY);
        assertEquals("secret", assertThrows(NullPointerException.class,
                () -> WebhookSignature.verify(null, header, BODY, T, 300)).getMessage());
        assertEquals("body", assertThrows(NullPointerException.class,
                () -> WebhookSignature.verify(SECRET, header, null, T, 300)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebhookSignature.verify("", header, BODY, T, 300)).getMessage().startsWith("secret"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebhookSignature.verify(SECRET, header, BODY, T, -1))
                .getMessage().startsWith("toleranceSeconds"));
    }

    @Test
    void theDefaultToleranceIsFiveMinutes() {
        assertEquals(300, WebhookSignature.DEFAULT_TOLERANCE_S);
        assertEquals("Switchboard-Signature", WebhookSignature.HEADER);
    }
}
