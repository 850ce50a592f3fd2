package io.switchboard.carrier.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherTest {

    private static final Map<String, String> SECRETS = Map.of("account_sid", "AC123", "auth_token", "s3cr3t");

    @Test
    void roundTripsAndNeverHoldsThePlaintext() {
        CredentialCipher cipher = new CredentialCipher(new byte[32]);
        byte[] sealed = cipher.encrypt("twilio", SECRETS);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("s3cr3t"));
        assertEquals(SECRETS, cipher.decrypt("twilio", sealed));
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        CredentialCipher cipher = new CredentialCipher(new byte[32]);
        byte[] first = cipher.encrypt("twilio", SECRETS);
        byte[] second = cipher.encrypt("twilio", SECRETS);
        assertFalse(java.util.Arrays.equals(first, second));
    }

    @Test
    void refusesAnotherCarriersRowAnotherKeyAndTampering() {
        CredentialCipher cipher = new CredentialCipher(new byte[32]);
        byte[] sealed = cipher.encrypt("twilio", SECRETS);
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("telnyx", sealed));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> new CredentialCipher(otherKey).decrypt("twilio", sealed));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("twilio", tampered));
        assertTrue(e.getMessage().contains("twilio"));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("twilio", new byte[] {1, 2, 3}));
    }

    @Test
    void createsAPrivateKeyFileOnceAndReadsItBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/secret.key");
        byte[] sealed = CredentialCipher.load("", file).encrypt("twilio", SECRETS);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).trim()).length);
        assertEquals(SECRETS, CredentialCipher.load("", file).decrypt("twilio", sealed));
    }

    @Test
    void theConfiguredKeyWinsAndABadOneIsNamed(@TempDir Path dir) throws Exception {
        byte[] key = new byte[32];
        key[5] = 7;
        String base64 = Base64.getEncoder().encodeToString(key);
        byte[] sealed = new CredentialCipher(key).encrypt("x", SECRETS);
        assertEquals(SECRETS, CredentialCipher.load(base64, dir.resolve("unused")).decrypt("x", sealed));
        assertFalse(Files.exists(dir.resolve("unused")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CredentialCipher.load("c2hvcnQ=", dir.resolve("unused")));
        assertTrue(e.getMessage().startsWith("secrets.key"), e.getMessage());
        assertArrayEquals(key, Base64.getDecoder().decode(base64));
    }
}
