package io.switchboard.carrier.telnyx;

import io.switchboard.carrier.WebhookCheck;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Telnyx webhook signatures (API v2): an Ed25519 signature over {@code timestamp + "|" + raw body}
 * (UTF-8 timestamp, body bytes exactly as received), sent base64 in {@code telnyx-signature-ed25519}
 * with the Unix-seconds timestamp in {@code telnyx-timestamp}. The public key is the base64 of the
 * raw 32-byte Ed25519 key shown in the Telnyx portal; the JDK's {@code Ed25519} {@link KeyFactory}
 * wants it wrapped in an X.509 SubjectPublicKeyInfo, hence {@link #SPKI_PREFIX}.
 *
 * <p>Follows the {@code telnyx-timestamp}/{@code telnyx-signature-ed25519} parameters of the
 * OpenAPI document's webhooks (team-telnyx/openapi) and https://github.com/team-telnyx/telnyx-python
 * {@code telnyx/webhook.py} (tolerance 300 s). Unlike the SDK, a timestamp more than 300 s in the
 * future is refused too.
 */
final class TelnyxSignature {

    /** The header carrying the base64 Ed25519 signature. */
    static final String SIGNATURE_HEADER = "telnyx-signature-ed25519";
    /** The header carrying the signing time, Unix seconds. */
    static final String TIMESTAMP_HEADER = "telnyx-timestamp";
    /** How far the timestamp may be from now, either way: 300 s. */
    static final Duration TOLERANCE = Duration.ofSeconds(300);

    /** DER prefix that turns a raw 32-byte Ed25519 public key into an X.509 SubjectPublicKeyInfo. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** DER prefix that turns a raw 32-byte Ed25519 private key (seed) into a PKCS#8 PrivateKeyInfo. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final int RAW_KEY_BYTES = 32;
    private static final int SIGNATURE_BYTES = 64;

    private TelnyxSignature() {
    }

    /**
     * Checks one webhook.
     *
     * @param publicKey the account's public key, base64 of the raw 32 bytes
     * @param signature the {@code telnyx-signature-ed25519} header, or null
     * @param timestamp the {@code telnyx-timestamp} header (Unix seconds), or null
     * @param body the raw body bytes
     * @param now the time of receipt
     * @return ok; 401 when a header is missing or unreadable; 403 when the timestamp is outside
     *     {@link #TOLERANCE} or the signature does not verify
     * @throws IllegalStateException if {@code publicKey} is not a base64 32-byte key (configuration)
     */
    static WebhookCheck verify(String publicKey, String signature, String timestamp, byte[] body, Instant now) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            return WebhookCheck.unauthorized("missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER);
        }
        long signedAt;
        byte[] signatureBytes;
        try {
            signedAt = Long.parseLong(timestamp.trim());
            signatureBytes = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException unreadable) {
            return WebhookCheck.unauthorized("unreadable " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER);
        }
        if (signatureBytes.length != SIGNATURE_BYTES) {
            return WebhookCheck.unauthorized(SIGNATURE_HEADER + " is not a 64-byte Ed25519 signature");
        }
        long skewS = Math.abs(now.getEpochSecond() - signedAt);
        if (skewS > TOLERANCE.toSeconds()) {
            return WebhookCheck.forbidden("telnyx-timestamp is " + skewS + " s from now (replay window "
                    + TOLERANCE.toSeconds() + " s)");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(publicKey));
            verifier.update(signedMessage(timestamp.trim(), body));
            return verifier.verify(signatureBytes) ? WebhookCheck.ok()
                    : WebhookCheck.forbidden("Ed25519 signature does not match");
        } catch (GeneralSecurityException e) {
            return WebhookCheck.forbidden("Ed25519 signature does not verify");
        }
    }

    /**
     * Signs a webhook body as Telnyx does (used by the sandbox simulator).
     *
     * @param privateKey base64 of the raw 32-byte Ed25519 private key (seed)
     * @param timestamp the Unix-seconds timestamp to send in {@code telnyx-timestamp}
     * @param body the body bytes
     * @return the base64 signature for {@code telnyx-signature-ed25519}
     */
    static String sign(String privateKey, String timestamp, byte[] body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey(privateKey));
            signer.update(signedMessage(timestamp, body));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** @return base64 of the raw 32 bytes of an Ed25519 public key (the last 32 bytes of its X.509 form) */
    static String rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES,
                encoded.length));
    }

    /** @return base64 of the raw 32-byte seed of an Ed25519 private key (the last 32 bytes of its PKCS#8 form) */
    static String rawPrivateKey(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES,
                encoded.length));
    }

    /** @return {@code UTF-8(timestamp) + "|" + body} */
    static byte[] signedMessage(String timestamp, byte[] body) {
        byte[] head = (timestamp + "|").getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        return message;
    }

    private static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(wrap(SPKI_PREFIX, base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("telnyx public_key is not an Ed25519 key", e);
        }
    }

    private static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(wrap(PKCS8_PREFIX, base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("telnyx private_key is not an Ed25519 key", e);
        }
    }

    private static byte[] wrap(byte[] prefix, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("telnyx key is not base64", e);
        }
        if (raw.length != RAW_KEY_BYTES) {
            throw new IllegalStateException("telnyx key must be 32 raw bytes, got " + raw.length);
        }
        byte[] der = Arrays.copyOf(prefix, prefix.length + RAW_KEY_BYTES);
        System.arraycopy(raw, 0, der, prefix.length, RAW_KEY_BYTES);
        return der;
    }
}
