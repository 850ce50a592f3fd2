package io.switchboard.launcher;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.node.Node;
import io.switchboard.node.StartupException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard run}: reads the configuration, starts a node and keeps it running until
 * SIGTERM or SIGINT, then stops it gracefully (drain, flush, leave the cluster).
 *
 * <p>A start that fails prints one line, {@code switchboard: <what failed>}, on standard error
 * and exits with {@link Main#EXIT_START_FAILED}; a bad configuration exits with
 * {@link Main#EXIT_USAGE}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a Switchboard node and join (or form) the cluster.")
final class RunCommand implements Callable<Integer> {

    private static volatile boolean running;

    @Option(names = "--roles", split = ",", paramLabel = "ROLE",
            description = "Roles this JVM hosts (default: all): http-api, router, carrier, health-monitor, "
                    + "cdr-writer, sip-edge. Overrides node.roles.")
    String[] roles;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML file overriding keys of the defaults (conf/switchboard.yaml).")
    Path config;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text or json. Overrides log.format.")
    String logFormat;

    @Option(names = "--sandbox", description = "Start the sandbox carriers (simulated providers) whatever the "
            + "carriers configuration says. Sets sandbox.enabled=true.")
    boolean sandbox;

    static boolean keepsRunning() {
        return running;
    }

    @Override
    public Integer call() {
        SwitchboardConfig settings;
        try {
            settings = loadConfig();
        } catch (ConfigException e) {
            System.err.println("switchboard: configuration: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Logging.apply(settings.log(), true);
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        String nodeId = settings.node().id().isEmpty() ? generatedNodeId() : settings.node().id();
        Node node;
        try {
            node = Node.start(settings, nodeId);
        } catch (StartupException e) {
            log.debug("start failed", e);
            System.err.println("switchboard: " + e.getMessage());
            return Main.EXIT_START_FAILED;
        }
        Logging.apply(settings.log(), false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stop requested: draining and leaving the cluster");
            node.stop();
        }, "switchboard-shutdown"));
        running = true;
        return 0;
    }

    private SwitchboardConfig loadConfig() {
        JsonObject commandLine = new JsonObject();
        if (roles != null) {
            commandLine.put("node", new JsonObject().put("roles", new JsonArray(Arrays.asList(roles))));
        }
        if (logFormat != null) {
            commandLine.put("log", new JsonObject().put("format", logFormat));
        }
        if (sandbox) {
            commandLine.put("sandbox", new JsonObject().put("enabled", "true"));
        }
        Vertx reader = Vertx.vertx();
        try {
            return new ConfigLoader(reader).load(config, System.getenv(), commandLine);
        } finally {
            reader.close();
        }
    }

    private static String generatedNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return host.replaceAll("[^A-Za-z0-9.-]", "-") + "-" + HexFormat.of().formatHex(random);
    }
}
