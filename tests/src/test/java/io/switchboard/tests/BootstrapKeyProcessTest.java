package io.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start of a new database with no {@code api.bootstrap-admin-key} prints a generated
 * admin key once; that key administers the node; a restart on the same data prints none.
 */
class BootstrapKeyProcessTest {

    private static final Pattern KEY = Pattern.compile("bootstrap admin key \\(shown once, store it now\\): (sk_live_\\w{32})");

    @TempDir
    Path work;

    @Test
    void aNewDatabasePrintsItsAdminKeyOnceAndOnlyOnce() throws Exception {
        Map<String, String> env = NodeProcess.isolatedEnv("bootstrap-" + UUID.randomUUID(), NodeProcess.freePort(),
                work.resolve("data"));
        env.remove("SWITCHBOARD_API_BOOTSTRAP_ADMIN_KEY");
        String key;
        try (NodeProcess node = NodeProcess.start(NodeProcess.currentJava(), env, work.resolve("first.log"), "run")) {
            int port = node.awaitReady(Duration.ofSeconds(120)).httpPort();
            Matcher printed = KEY.matcher(node.output());
            assertTrue(printed.find(), node.output());
            key = printed.group(1);
            assertFalse(printed.find(), "printed once");
            assertEquals(200, NodeProcess.get(port, "/v1/keys", key).statusCode());
            assertEquals(401, NodeProcess.get(port, "/v1/keys", NodeProcess.ADMIN_KEY).statusCode(),
                    "no other key exists");
            assertEquals(143, node.terminate(Duration.ofSeconds(60)), "a graceful stop (shutdown hook), so its PostgreSQL stops too");
        }
        try (NodeProcess node = NodeProcess.start(NodeProcess.currentJava(), env, work.resolve("second.log"), "run")) {
            int port = node.awaitReady(Duration.ofSeconds(120)).httpPort();
            assertFalse(node.output().contains("bootstrap admin key (shown once"), node.output());
            assertEquals(200, NodeProcess.get(port, "/v1/keys", key).statusCode(), "the key survives the restart");
        }
    }
}
