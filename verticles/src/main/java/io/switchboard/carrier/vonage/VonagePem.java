package io.switchboard.carrier.vonage;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * PEM reading and writing for Vonage application keys (RFC 7468): the private key Vonage hands out
 * on application creation is PKCS #8 ({@code -----BEGIN PRIVATE KEY-----}); the public key is
 * X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}). Both RSA.
 */
public final class VonagePem {

    private VonagePem() {
    }

    /**
     * @param pem a PKCS #8 RSA private key in PEM (line breaks and {@code \n} escapes tolerated)
     * @return the key
     * @throws IllegalStateException for another format (PKCS #1 {@code BEGIN RSA PRIVATE KEY} must be
     *     converted, e.g. {@code openssl pkcs8 -topk8 -nocrypt}) or an unreadable key
     */
    public static PrivateKey privateKey(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("Vonage private_key is PKCS #1; convert it to PKCS #8 (BEGIN PRIVATE KEY)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Vonage private_key is not a PKCS #8 RSA key in PEM", e);
        }
    }

    /**
     * @param pem an X.509 RSA public key in PEM
     * @return the key
     * @throws IllegalStateException when it is not one
     */
    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not an X.509 RSA public key in PEM", e);
        }
    }

    /**
     * @param label {@code PRIVATE KEY} or {@code PUBLIC KEY}
     * @param der the key's encoding ({@code getEncoded()})
     * @return the PEM text, 64 characters a line
     */
    public static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String pem, String label) {
        String text = pem.replace("\\n", "\n");
        int begin = text.indexOf("-----BEGIN " + label + "-----");
        int end = text.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        String base64 = text.substring(begin + label.length() + 16, end).replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
