package io.switchboard.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads Switchboard's configuration in layers, each overriding the one before:
 * <ol>
 *   <li>the defaults, {@code switchboard.yaml} on the class path (a copy of {@code conf/switchboard.yaml});</li>
 *   <li>the file given with {@code --config}, if any;</li>
 *   <li>{@code SWITCHBOARD_*} environment variables ({@link ConfigTree#envName});</li>
 *   <li>command-line options ({@code --roles}, {@code --log-format}), given as a layer.</li>
 * </ol>
 * YAML is read with vertx-config's YAML store. Every layer is checked against the defaults'
 * keys and types, then {@link SwitchboardConfig#from} checks values.
 *
 * <p>Blocking: it waits for the files to be read; call it from a launcher thread, never from an
 * event loop.
 */
public final class ConfigLoader {

    /** Class-path resource holding the defaults. */
    public static final String DEFAULTS_RESOURCE = "switchboard.yaml";

    private static final long READ_TIMEOUT_S = 30;

    private final Vertx vertx;

    /** @param vertx any Vert.x instance, used only to read files */
    public ConfigLoader(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * @param configFile the operator's file, or {@code null}
     * @param env the process environment (or a test's)
     * @param commandLine a layer of keys set on the command line (may be empty)
     * @return the validated configuration
     * @throws ConfigException naming the key or file at fault
     */
    public SwitchboardConfig load(Path configFile, Map<String, String> env, JsonObject commandLine) {
        JsonObject defaults = readYaml(DEFAULTS_RESOURCE, "defaults");
        ConfigTree tree = new ConfigTree(defaults);
        JsonObject merged = defaults.copy();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException("--config", "no such file: " + configFile);
            }
            merged = tree.overlay(merged, readYaml(configFile.toString(), configFile.toString()), configFile.toString());
        }
        merged = tree.overlay(merged, tree.environmentLayer(env), "the environment");
        merged = tree.overlay(merged, commandLine, "the command line");
        return SwitchboardConfig.from(merged);
    }

    /** @return the defaults as a tree, for documentation and tests */
    public JsonObject defaults() {
        return readYaml(DEFAULTS_RESOURCE, "defaults");
    }

    private JsonObject readYaml(String path, String source) {
        ConfigStoreOptions store = new ConfigStoreOptions()
                .setType("file")
                .setFormat("yaml")
                .setConfig(new JsonObject().put("path", path));
        ConfigRetriever retriever = ConfigRetriever.create(vertx,
                new ConfigRetrieverOptions().setIncludeDefaultStores(false).addStore(store));
        try {
            JsonObject read = retriever.getConfig().toCompletionStage().toCompletableFuture()
                    .get(READ_TIMEOUT_S, TimeUnit.SECONDS);
            return read == null ? new JsonObject() : read;
        } catch (ExecutionException e) {
            throw new ConfigException(source, "cannot read YAML: " + oneLine(e.getCause()));
        } catch (TimeoutException e) {
            throw new ConfigException(source, "not read within " + READ_TIMEOUT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(source, "interrupted while reading");
        } finally {
            retriever.close();
        }
    }

    private static String oneLine(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
