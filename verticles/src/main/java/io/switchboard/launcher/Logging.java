package io.switchboard.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.switchboard.config.SwitchboardConfig;
import java.net.URL;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies {@code log.format} and {@code log.level} to Logback, and routes java.util.logging
 * (used by some libraries) and Hazelcast's logging to SLF4J.
 */
final class Logging {

    private Logging() {
    }

    /** Call before anything logs: sends JUL and Hazelcast logs through SLF4J. */
    static void routeLibrariesToSlf4j() {
        System.setProperty("hazelcast.logging.type", "slf4j");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /**
     * Reconfigures Logback from {@code logback.xml} (text) or {@code logback-json.xml} (JSON
     * lines) and sets the root level.
     *
     * @param log the validated log settings
     * @param startingUp while a node starts, exceptions are logged as their message only: a
     *     failed start is reported as one line by the launcher, not as library stack traces
     */
    static void apply(SwitchboardConfig.Log log, boolean startingUp) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        String resource = "json".equals(log.format()) ? "logback-json.xml" : "logback.xml";
        URL url = Logging.class.getClassLoader().getResource(resource);
        context.reset();
        context.putProperty("switchboard.exceptions", startingUp ? "%nopex" : "%ex");
        context.putProperty("switchboard.throwable", String.valueOf(!startingUp));
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + resource, e);
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(log.level()));
    }

    /**
     * For commands whose standard output is their result ({@code replay}): warnings and errors
     * only, written to standard error.
     */
    static void quietOnStandardError() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("com.hazelcast.internal.cluster.ClusterService").setLevel(Level.WARN);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        var appender = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        if (appender instanceof ch.qos.logback.core.ConsoleAppender<?> console) {
            console.stop();
            console.setTarget("System.err");
            console.start();
        }
    }
}
