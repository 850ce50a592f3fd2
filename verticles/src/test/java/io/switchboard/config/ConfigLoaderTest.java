package io.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Role;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static Vertx vertx;
    private static ConfigLoader loader;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        loader = new ConfigLoader(vertx);
    }

    @AfterAll
    static void tearDown() {
        vertx.close();
    }

    private SwitchboardConfig load(Path file, Map<String, String> env) {
        return loader.load(file, env, new JsonObject());
    }

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("override.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void defaultsDescribeAnAllRolesNodeWithEmbeddedDatabase() {
        SwitchboardConfig config = load(null, Map.of());
        assertEquals(List.of(Role.values()), config.node().roles());
        assertEquals(8080, config.http().port());
        assertEquals(9090, config.management().port());
        assertEquals(65_536, config.http().bodyLimit());
        assertFalse(config.database().external());
        assertEquals(Path.of("./data/pg"), config.database().embeddedDataDir());
        assertEquals("127.0.0.1", config.cluster().host());
        assertEquals(List.of("127.0.0.1"), config.cluster().members());
        assertEquals("text", config.log().format());
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        Path file = yaml("http:\n  port: 8181\ndatabase:\n  pool-size: 3\n");
        SwitchboardConfig config = load(file, Map.of(
                "SWITCHBOARD_HTTP_PORT", "8282",
                "SWITCHBOARD_DATABASE_URL", "postgresql://sb:pw@db.example:5433/switchboard",
                "SWITCHBOARD_NODE_ROLES", "router, cdr-writer",
                "SWITCHBOARD_DATABASE_EMBEDDED_DATA_DIR", "/var/lib/sb",
                "PATH", "/usr/bin"));
        assertEquals(8282, config.http().port());
        assertEquals(3, config.database().poolSize());
        assertTrue(config.database().external());
        assertEquals(List.of(Role.ROUTER, Role.CDR_WRITER), config.node().roles());
        assertEquals(Path.of("/var/lib/sb"), config.database().embeddedDataDir());
    }

    @Test
    void commandLineOverridesEverything() {
        JsonObject cli = new JsonObject().put("log", new JsonObject().put("format", "json"));
        SwitchboardConfig config = loader.load(null, Map.of("SWITCHBOARD_LOG_FORMAT", "text"), cli);
        assertEquals("json", config.log().format());
    }

    @Test
    void unknownKeyInFileIsNamed() throws Exception {
        Path file = yaml("http:\n  prot: 8181\n");
        ConfigException error = assertThrows(ConfigException.class, () -> load(file, Map.of()));
        assertTrue(error.getMessage().startsWith("http.prot: unknown key"), error.getMessage());
    }

    @Test
    void unknownEnvironmentVariableIsNamed() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> load(null, Map.of("SWITCHBOARD_HTTP_PROT", "1")));
        assertTrue(error.getMessage().startsWith("SWITCHBOARD_HTTP_PROT: unknown environment variable"),
                error.getMessage());
    }

    @Test
    void badValuesAreNamedWithTheValue() throws Exception {
        assertEquals("http.port: must be between 0 and 65535, got 99999",
                assertThrows(ConfigException.class, () -> load(yaml("http:\n  port: 99999\n"), Map.of())).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> load(null, Map.of("SWITCHBOARD_HTTP_PORT", "eighty")))
                .getMessage().startsWith("http.port: expected a number, got 'eighty'"));
        assertTrue(assertThrows(ConfigException.class, () -> load(yaml("http:\n  port: \"8080\"\n"), Map.of()))
                .getMessage().startsWith("http.port: expected a number"));
        assertTrue(assertThrows(ConfigException.class, () -> load(yaml("node:\n  roles: [router, billing]\n"), Map.of()))
                .getMessage().startsWith("node.roles: unknown role 'billing'"));
        assertTrue(assertThrows(ConfigException.class, () -> load(yaml("log:\n  format: xml\n"), Map.of()))
                .getMessage().startsWith("log.format: expected one of json, text, got 'xml'"));
        assertTrue(assertThrows(ConfigException.class, () -> load(yaml("database:\n  url: mysql://x/y\n"), Map.of()))
                .getMessage().startsWith("database.url: expected postgresql://"));
        assertTrue(assertThrows(ConfigException.class, () -> load(yaml("http: 8080\n"), Map.of()))
                .getMessage().startsWith("http: must be a section"));
        assertTrue(assertThrows(ConfigException.class, () -> load(yaml("database:\n  pool-size: 0\n"), Map.of()))
                .getMessage().startsWith("database.pool-size: must be between 1 and 1000, got 0"));
    }

    @Test
    void missingOrBrokenFileIsReported() throws Exception {
        assertTrue(assertThrows(ConfigException.class, () -> load(dir.resolve("nope.yaml"), Map.of()))
                .getMessage().startsWith("--config: no such file"));
        Path broken = yaml("http: [unclosed\n");
        assertTrue(assertThrows(ConfigException.class, () -> load(broken, Map.of()))
                .getMessage().contains("cannot read YAML"));
    }

    @Test
    void everyKeyHasAnEnvironmentName() {
        ConfigTree tree = new ConfigTree(loader.defaults());
        List<String> keys = tree.leafKeys();
        assertTrue(keys.contains("database.embedded.data-dir"));
        assertEquals("SWITCHBOARD_DATABASE_EMBEDDED_DATA_DIR", ConfigTree.envName("database.embedded.data-dir"));
        for (String key : keys) {
            String value = key.equals("node.roles") ? "router" : key.equals("log.format") ? "json" : null;
            if (value != null) {
                assertEquals(value, String.valueOf(tree.environmentLayer(Map.of(ConfigTree.envName(key), value))
                        .getJsonObject(key.split("\\.")[0]).getValue(key.split("\\.")[1])).replaceAll("[\\[\\]\"]", ""));
            } else {
                String text = tree.lookup(key).orElseThrow() instanceof Boolean ? "true" : "1";
                assertFalse(tree.environmentLayer(Map.of(ConfigTree.envName(key), text)).isEmpty(), key);
            }
        }
    }
}
