package io.switchboard.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code switchboard} command line ({@code java -jar switchboard.jar ...}), with picocli.
 * Subcommands: {@code run} (start a node); {@code replay} (replay traffic through a node started
 * here, with outages, and report from the CDR tables); {@code decks} and {@code route} (talk to a running
 * node's API). {@code keys} is added here by its issue.
 *
 * <p>Exit codes: 0 success, 1 the node could not start or failed, 2 bad command-line usage or
 * configuration.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Carrier-routing engine: least-cost routing, failover and CDRs over many carriers.",
        subcommands = {RunCommand.class, DecksCommand.class, RouteCommand.class, KeysCommand.class, ReplayCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code of a start that failed (port in use, database unreachable, ...) or a failed API call. */
    static final int EXIT_START_FAILED = 1;
    /** Exit code of a bad configuration or command line. */
    static final int EXIT_USAGE = 2;

    /** @param args command-line arguments */
    public static void main(String[] args) {
        Logging.routeLibrariesToSlf4j();
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || !RunCommand.keepsRunning()) {
            System.exit(code);
        }
    }

    /** Reports the jar's version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"switchboard " + io.switchboard.node.Version.current()};
        }
    }
}
