package io.switchboard.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.node.Node;
import io.switchboard.node.StartupException;
import io.switchboard.node.TestNodes;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Carrier credentials at rest: a configured account is stored encrypted (never in clear), its
 * adapter starts from the stored row, and a node refuses to start when a carrier row holds a
 * secret in clear.
 */
class CarrierCredentialsTest {

    @TempDir
    Path dataDir;

    @Test
    void credentialsAreStoredEncryptedAndASecretInClearStopsTheStart() throws Exception {
        JsonObject layer = TestNodes.isolated(dataDir).put("carriers", new JsonObject()
                .put("twilio-us", new JsonObject().put("provider", "twilio").put("base-url", "http://127.0.0.1:9")
                        .put("credentials", new JsonObject().put("account_sid", "AC" + "0".repeat(32))
                                .put("auth_token", "super-secret-token"))));
        Node node = Node.start(TestNodes.config(layer), "credentials-test");
        String jdbc = node.database().jdbcUrl();
        Properties login = new Properties();
        login.put("user", node.database().user());
        login.put("password", node.database().password() == null ? "" : node.database().password());
        try (Connection db = DriverManager.getConnection(jdbc, login)) {
            ResultSet row = db.createStatement().executeQuery(
                    "SELECT provider, settings::text, credentials_enc FROM carriers WHERE id = 'twilio-us'");
            assertTrue(row.next());
            assertEquals("twilio", row.getString(1));
            assertFalse(row.getString(2).contains("super-secret-token"));
            byte[] sealed = row.getBytes(3);
            assertTrue(sealed.length > 30);
            assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("super-secret-token"),
                    "the token is not stored in clear");
            assertTrue(node.vertx().eventBus().request(io.switchboard.contract.bus.Addresses.carrierProbe("twilio-us"), null)
                    .await(10, java.util.concurrent.TimeUnit.SECONDS).body() != null, "the adapter runs from the stored row");
            db.createStatement().executeUpdate("UPDATE carriers SET settings = settings || "
                    + "'{\"settings\": {\"auth_token\": \"leaked\"}}'::jsonb WHERE id = 'twilio-us'");
        } finally {
            node.stop();
        }
        StartupException refused = assertThrows(StartupException.class,
                () -> Node.start(TestNodes.config(layer), "credentials-test-2"));
        assertTrue(refused.getMessage().contains("twilio-us") && refused.getMessage().contains("auth_token"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("leaked"), "the message never shows the secret");
    }

    @Test
    void aMissingCredentialOrAnUnknownProviderIsNamed() throws Exception {
        JsonObject missing = TestNodes.isolated(dataDir).put("carriers", new JsonObject()
                .put("t", new JsonObject().put("provider", "twilio")
                        .put("credentials", new JsonObject().put("account_sid", "AC1"))));
        StartupException e = assertThrows(StartupException.class, () -> Node.start(TestNodes.config(missing), "m"));
        assertTrue(e.getMessage().contains("carriers.t.credentials.auth_token"), e.getMessage());
        JsonObject unknown = TestNodes.isolated(dataDir.resolve("2")).put("carriers", new JsonObject()
                .put("p", new JsonObject().put("provider", "pigeon")));
        e = assertThrows(StartupException.class, () -> Node.start(TestNodes.config(unknown), "u"));
        assertTrue(e.getMessage().contains("carriers.p.provider"), e.getMessage());
    }
}
