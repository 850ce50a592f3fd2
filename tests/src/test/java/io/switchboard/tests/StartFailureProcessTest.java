package io.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input at start, with the real jar: each ends the start with one clear line on stderr
 * (prefixed {@code switchboard:}), a non-zero exit code and no stack trace.
 */
class StartFailureProcessTest {

    @TempDir
    Path work;

    private Map<String, String> isolated() throws Exception {
        int clusterPort = NodeProcess.freePort();
        Map<String, String> env = NodeProcess.isolatedEnv("failure-test-" + UUID.randomUUID(), clusterPort,
                work.resolve("pg"));
        env.put("SWITCHBOARD_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
        return env;
    }

    private static String failureLine(NodeProcess node, int expectedExit) throws Exception {
        int exit = node.awaitExit(Duration.ofSeconds(90));
        String output = node.output();
        assertEquals(expectedExit, exit, output);
        assertTrue(!output.contains("\tat "), "no stack trace:\n" + output);
        String line = output.lines().filter(l -> l.startsWith("switchboard: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'switchboard:' line in:\n" + output));
        assertEquals(1, output.lines().filter(l -> l.startsWith("switchboard: ")).count(), output);
        return line;
    }

    @Test
    void badConfigValueNamesTheKey() throws Exception {
        Map<String, String> env = isolated();
        env.put("SWITCHBOARD_HTTP_PORT", "99999");
        try (NodeProcess node = NodeProcess.start(NodeProcess.currentJava(), env, work.resolve("n.log"), "run")) {
            assertEquals("switchboard: configuration: http.port: must be between 0 and 65535, got 99999",
                    failureLine(node, 2));
        }
    }

    @Test
    void unknownRoleOnTheCommandLineNamesTheRoles() throws Exception {
        try (NodeProcess node = NodeProcess.start(NodeProcess.currentJava(), isolated(), work.resolve("n.log"),
                "run", "--roles", "router,billing")) {
            String line = failureLine(node, 2);
            assertTrue(line.startsWith("switchboard: configuration: node.roles: unknown role 'billing'"), line);
        }
    }

    @Test
    void portInUseNamesTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = isolated();
            env.put("SWITCHBOARD_MANAGEMENT_PORT", String.valueOf(taken.getLocalPort()));
            try (NodeProcess node = NodeProcess.start(NodeProcess.currentJava(), env, work.resolve("n.log"), "run")) {
                assertEquals("switchboard: management.port: " + taken.getLocalPort() + " on 0.0.0.0 is already in use",
                        failureLine(node, 1));
            }
        }
    }

    @Test
    void unreachableDatabaseNamesTheUrl() throws Exception {
        Map<String, String> env = isolated();
        int closed = NodeProcess.freePort();
        env.put("SWITCHBOARD_DATABASE_URL", "postgresql://sb:secret@127.0.0.1:" + closed + "/sb");
        env.put("SWITCHBOARD_DATABASE_CONNECT_TIMEOUT_MS", "2000");
        try (NodeProcess node = NodeProcess.start(NodeProcess.currentJava(), env, work.resolve("n.log"), "run")) {
            String line = failureLine(node, 1);
            assertTrue(line.startsWith("switchboard: database.url: cannot connect to 127.0.0.1:" + closed + "/sb"), line);
            assertTrue(!line.contains("secret"), "the password is not printed: " + line);
        }
    }

    @Test
    void peerThatNeverAnswersEndsTheStartAfterTheJoinTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            // accepts TCP connections (in the backlog) but never speaks Hazelcast's protocol
            Map<String, String> env = isolated();
            String own = env.get("SWITCHBOARD_CLUSTER_PORT");
            env.put("SWITCHBOARD_CLUSTER_MEMBERS", "127.0.0.1:" + own + ",127.0.0.1:" + silent.getLocalPort());
            env.put("SWITCHBOARD_CLUSTER_MIN_MEMBERS", "2");
            env.put("SWITCHBOARD_CLUSTER_JOIN_TIMEOUT_MS", "5000");
            try (NodeProcess node = NodeProcess.start(NodeProcess.currentJava(), env, work.resolve("n.log"), "run")) {
                String line = failureLine(node, 1);
                // Either Hazelcast's join itself hangs on the silent peer, or it forms a cluster of
                // one and the wait for cluster.min-members runs out: both name the time-out.
                assertTrue(line.startsWith("switchboard: cluster: "), line);
                assertTrue(line.contains("within 5000 ms"), line);
                assertTrue(line.contains("cluster.min-members") || line.contains("cluster.join-timeout-ms"), line);
            }
        }
    }
}
