package io.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table names every key of conf/switchboard.yaml and its variable. */
class ConfigReferenceTest {

    @Test
    void readmeDocumentsEveryKeyAndItsEnvironmentVariable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Vertx vertx = Vertx.vertx();
        try {
            ConfigTree tree = new ConfigTree(new ConfigLoader(vertx).defaults());
            for (String key : tree.leafKeys()) {
                assertTrue(readme.contains("| `" + key + "` |"), "README has no row for " + key);
                assertTrue(readme.contains("`" + ConfigTree.envName(key) + "`"),
                        "README does not name " + ConfigTree.envName(key));
            }
        } finally {
            vertx.close();
        }
    }
}
