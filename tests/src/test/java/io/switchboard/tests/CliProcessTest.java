package io.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a running node, all as {@code java -jar}: {@code decks import},
 * {@code decks list}, {@code decks diff} and {@code route}, with good and bad input.
 */
class CliProcessTest {

    private static final String HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency\n";

    @TempDir
    static Path work;

    private static NodeProcess node;
    private static String api;

    @BeforeAll
    static void start() throws Exception {
        int clusterPort = NodeProcess.freePort();
        Map<String, String> env = NodeProcess.isolatedEnv("cli-test-" + UUID.randomUUID(), clusterPort, work.resolve("pg"));
        node = NodeProcess.start(NodeProcess.currentJava(), env, work.resolve("node.log"), "run");
        api = "http://127.0.0.1:" + node.awaitReady(Duration.ofSeconds(120)).httpPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private record Run(int exit, String output) {
    }

    private static Run cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--api");
        all.add(api);
        all.add("--api-key");
        all.add(NodeProcess.ADMIN_KEY);
        Path log = Files.createTempFile(work, "cli", ".log");
        try (NodeProcess command = NodeProcess.start(NodeProcess.currentJava(), Map.of(), log, all.toArray(String[]::new))) {
            int exit = command.awaitExit(Duration.ofSeconds(60));
            return new Run(exit, command.output());
        }
    }

    private static Path deck(String name, String rows) throws Exception {
        Path file = work.resolve(name);
        Files.writeString(file, HEADER + rows);
        return file;
    }

    @Test
    void importListDiffAndRouteFromTheCommandLine() throws Exception {
        Path first = deck("acme-1.csv", "44,United Kingdom,0.0100,0,60,60,2026-01-01,,USD\n"
                + "4420,United Kingdom London,0.0120,0,6,6,2026-01-01,,USD\n");
        Run imported = cli("decks", "import", "--carrier", "acme", "--service", "voice", first.toString());
        assertEquals(0, imported.exit(), imported.output());
        assertTrue(imported.output().contains("deck version 1 of acme voice published: 2 rows"), imported.output());

        Path second = deck("acme-2.csv", "44,United Kingdom,0.0090,0,60,60,2026-01-01,,USD\n"
                + "49,Germany,0.0200,0,1,1,2026-01-01,,USD\n");
        assertEquals(0, cli("decks", "import", "--carrier", "acme", second.toString()).exit());

        Run list = cli("decks", "list");
        assertEquals(0, list.exit(), list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.matches("2\\s+acme\\s+voice\\s+published\\s+2\\s+USD.*")),
                list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.matches("1\\s+acme\\s+voice\\s+superseded.*")), list.output());

        Run diff = cli("decks", "diff", "1", "2");
        assertEquals(0, diff.exit(), diff.output());
        assertTrue(diff.output().contains("1 added, 1 removed, 0 up, 1 down"), diff.output());

        String route = null;
        for (int i = 0; i < 50 && (route == null || !route.contains("0.009")); i++) {
            route = cli("route", "+442071838750").output();
        }
        assertTrue(route.contains("route plan for +442071838750 (voice)"), route);
        assertTrue(route.lines().anyMatch(l -> l.matches("1\\s+acme\\s+10\\s+44\\s+0.009 USD.*")), route);

        Run germany = cli("route", "+493012345678");
        assertTrue(germany.output().lines().anyMatch(l -> l.matches("1\\s+acme\\s+10\\s+49\\s+0.02 USD.*")),
                germany.output());
    }

    @Test
    void keysAreCreatedListedAndRevokedFromTheCommandLine() throws Exception {
        Run created = cli("keys", "create", "--scope", "calls:read", "--scope", "cdrs:read", "--description", "cli test");
        assertEquals(0, created.exit(), created.output());
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("secret \\(shown once, store it now\\): (sk_live_\\w{32})")
                .matcher(created.output());
        assertTrue(secret.find(), created.output());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("key ([0-9a-f-]{36}) created").matcher(created.output());
        assertTrue(id.find(), created.output());

        Run list = cli("keys", "list");
        assertEquals(0, list.exit(), list.output());
        assertTrue(list.output().contains(secret.group(1).substring(0, 16)), "the prefix is listed: " + list.output());
        assertFalse(list.output().contains(secret.group(1)), "never the secret");

        Run revoked = cli("keys", "revoke", id.group(1));
        assertEquals(0, revoked.exit(), revoked.output());
        assertTrue(revoked.output().contains("revoked at"), revoked.output());
        assertEquals(401, NodeProcess.get(Integer.parseInt(api.substring(api.lastIndexOf(':') + 1)), "/v1/calls", secret.group(1)).statusCode(),
                "a revoked key is refused");

        Run noScope = cli("keys", "create", "--scope", "calls:fly");
        assertEquals(1, noScope.exit());
        assertTrue(noScope.output().contains("switchboard: TEL-011: scopes/0: expected one of calls:write"), noScope.output());
    }

    @Test
    void badInputIsOneClearLineAndAFailingExit() throws Exception {
        Path bad = deck("bad.csv", "33,France,0.0100,0,60,60,2026-01-01,,USD\n34,Spain,abc,0,60,60,2026-01-01,,USD\n");
        Run refused = cli("decks", "import", "--carrier", "badco", bad.toString());
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("switchboard: TEL-602: rate deck rejected"), refused.output());
        assertTrue(refused.output().contains("row 3: rate_per_min"), refused.output());

        Run number = cli("route", "+1555");
        assertEquals(1, number.exit());
        assertTrue(number.output().contains("switchboard: TEL-001: to: '+1555' is not a valid E.164 number"),
                number.output());

        Run missing = cli("decks", "import", "--carrier", "badco", work.resolve("nope.csv").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.output().contains("switchboard: no such file"), missing.output());

        Run noNode = new Run(0, "");
        Path log = Files.createTempFile(work, "cli", ".log");
        try (NodeProcess command = NodeProcess.start(NodeProcess.currentJava(), Map.of(), log, "decks", "list", "--api",
                "http://127.0.0.1:" + NodeProcess.freePort())) {
            noNode = new Run(command.awaitExit(Duration.ofSeconds(60)), command.output());
        }
        assertEquals(1, noNode.exit());
        assertTrue(noNode.output().contains("switchboard: cannot reach"), noNode.output());
    }
}
