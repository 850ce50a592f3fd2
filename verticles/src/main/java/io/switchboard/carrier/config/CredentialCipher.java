package io.switchboard.carrier.config;

import com.fasterxml.jackson.core.type.TypeReference;
import io.switchboard.contract.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a carrier's credentials for {@code carriers.credentials_enc} with AES-256-GCM (JCA,
 * NIST SP 800-38D): a fresh 96-bit nonce per encryption, a 128-bit tag, and the carrier id as
 * associated data so a ciphertext copied to another carrier's row does not decrypt.
 *
 * <p>Layout: {@code version (1 byte, 1) | nonce (12 bytes) | ciphertext+tag}; the plaintext is
 * the credentials as a JSON object.
 */
public final class CredentialCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes */
    public CredentialCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The key from configuration: {@code secrets.key} (Base64) when set, else the key file,
     * created with a new random key and mode 600 when it does not exist.
     *
     * @param base64Key the configured key, or empty
     * @param keyFile the key file
     * @return the cipher
     * @throws IllegalArgumentException naming the setting when the key is not Base64 of 32 bytes
     * @throws IOException when the key file cannot be read or created
     */
    public static CredentialCipher load(String base64Key, Path keyFile) throws IOException {
        if (!base64Key.isEmpty()) {
            return new CredentialCipher(decode(base64Key, "secrets.key"));
        }
        if (!Files.exists(keyFile)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path parent = keyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: the file keeps its default mode
            }
        }
        return new CredentialCipher(decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(),
                "secrets.key-file " + keyFile));
    }

    private static byte[] decode(String text, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not Base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(source + ": expected Base64 of 32 bytes, got " + bytes.length + " bytes");
        }
        return bytes;
    }

    /**
     * @param carrierId the carrier the credentials belong to (associated data)
     * @param credentials the credentials
     * @return the ciphertext in the layout of the class comment
     */
    public byte[] encrypt(String carrierId, Map<String, String> credentials) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(carrierId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(Json.mapper().writeValueAsBytes(credentials));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encrypt credentials of carrier " + carrierId, e);
        }
    }

    /**
     * @param carrierId the carrier the ciphertext was stored for
     * @param sealed the ciphertext
     * @return the credentials
     * @throws IllegalArgumentException when the ciphertext does not decrypt with this key for this
     *     carrier (another key, another carrier's row, or tampering)
     */
    public Map<String, String> decrypt(String carrierId, byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("carrier " + carrierId + ": credentials are not in the expected format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(carrierId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return Json.mapper().readValue(plain, new TypeReference<Map<String, String>>() { });
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("carrier " + carrierId
                    + ": credentials do not decrypt with the configured secrets key (another key, or tampered)");
        }
    }
}
