package io.switchboard.launcher;

import io.switchboard.config.ConfigException;
import io.switchboard.node.StartupException;
import io.switchboard.replay.Durations;
import io.switchboard.replay.OutageSpec;
import io.switchboard.replay.Replay;
import io.switchboard.replay.ReplaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard replay}: replays a traffic file over rate decks through a node started in this
 * JVM, with outages injected, and reports from the CDR tables ({@link Replay}). Exit codes: 0 the
 * run completed with every call's records and no call lost, 1 the node or the API failed, 2 bad
 * options or configuration, {@value #EXIT_INCOMPLETE} the run completed but a call lacks its
 * records or was lost while another carrier covered its destination (the report says which).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay traffic over rate decks through a node started here (embedded PostgreSQL, sandbox carriers, "
                + "SIP trunks on an in-process UAS behind the SIP edge), inject carrier outages, and report from the CDR "
                + "tables (printed, and written as replay-report.json and replay-report.html).",
            "Example: switchboard replay --traffic ../shared/data/traffic/calls.csv --decks ../shared/data/decks/ "
                + "--limit 10000 --outage wholesale-b@60s+60s"})
final class ReplayCommand implements Callable<Integer> {

    /** Exit code of a run whose report shows missing records or lost calls. */
    static final int EXIT_INCOMPLETE = 3;

    @Option(names = "--traffic", required = true, paramLabel = "FILE", description = "Traffic CSV with a 'to' column (E.164).")
    Path traffic;

    @Option(names = "--decks", required = true, paramLabel = "DIR",
            description = "Folder of <carrier>-<service>.csv rate decks; carriers Switchboard simulates become sandbox "
                    + "carriers, the others SIP trunks.")
    Path decks;

    @Option(names = "--cps", defaultValue = "20", paramLabel = "N", description = "Calls placed per second (default ${DEFAULT-VALUE}).")
    double cps;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Place at most N calls (default: the whole file).")
    int limit;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop placing calls after this long (30s, 10m...).")
    String duration;

    @Option(names = "--outage", paramLabel = "CARRIER@T+DURATION",
            description = "Full outage of a carrier from T after the first call, for DURATION (repeatable), e.g. telnyx@30s+60s.")
    List<String> outages = new ArrayList<>();

    @Option(names = "--hold", defaultValue = "1s-5s", paramLabel = "MIN-MAX",
            description = "Answered calls last between MIN and MAX (default ${DEFAULT-VALUE}); the LCR reference duration is their mean.")
    String hold;

    @Option(names = "--ring", defaultValue = "300ms", paramLabel = "TIME", description = "Ring time before each call's outcome (default ${DEFAULT-VALUE}).")
    String ring;

    @Option(names = "--odds", defaultValue = "5,5,2", paramLabel = "BUSY,NOANSWER,FAILED",
            description = "Percent of calls busy, not answered, failed after ringing (default ${DEFAULT-VALUE}).")
    String odds;

    @Option(names = "--data-dir", defaultValue = "./data/replay", paramLabel = "DIR",
            description = "Data folder of the replay's node: embedded PostgreSQL, CDR journal, secrets key (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "Folder for replay-report.json and .html (default: here).")
    Path outDir;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file layered under the replay's settings.")
    Path config;

    @Option(names = "--join", description = "Keep the configuration's cluster and database settings (join a running "
            + "cluster and its database) instead of a private cluster of one with its own embedded PostgreSQL.")
    boolean join;

    @Option(names = "--http-port", defaultValue = "0", paramLabel = "PORT", description = "Public API port of the replay's node (default: any free port).")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        ReplaySettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Logging.apply(new io.switchboard.config.SwitchboardConfig.Log("text", "WARN"), false);
        Logging.quietOnStandardError();
        try {
            io.vertx.core.json.JsonObject report = new Replay(settings, config, System.out, System.err).run();
            boolean complete = report.getJsonObject("records").getBoolean("complete", false);
            long lost = report.getJsonObject("lost").getLong("calls", 0L);
            return complete && lost == 0 ? 0 : EXIT_INCOMPLETE;
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (ConfigException e) {
            System.err.println("switchboard: configuration: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (StartupException | IllegalStateException e) {
            System.err.println("switchboard: " + e.getMessage());
            return Main.EXIT_START_FAILED;
        }
    }

    ReplaySettings settings() {
        if (!(cps > 0) || cps > 10_000) {
            throw new IllegalArgumentException("--cps: expected a rate above 0 and at most 10000, got " + cps);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit: expected 0 or more, got " + limit);
        }
        String[] range = hold.split("-", -1);
        if (range.length != 2) {
            throw new IllegalArgumentException("--hold: expected MIN-MAX such as 1s-5s, got '" + hold + "'");
        }
        Duration holdMin = Durations.parse("--hold", range[0]);
        Duration holdMax = Durations.parse("--hold", range[1]);
        if (holdMax.compareTo(holdMin) < 0 || holdMin.toMillis() < 1000) {
            throw new IllegalArgumentException("--hold: MIN must be at least 1s and at most MAX, got '" + hold + "'");
        }
        String[] p = odds.split(",", -1);
        int[] percent = new int[3];
        if (p.length != 3) {
            throw new IllegalArgumentException("--odds: expected BUSY,NOANSWER,FAILED percentages, got '" + odds + "'");
        }
        for (int i = 0; i < 3; i++) {
            try {
                percent[i] = Integer.parseInt(p[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--odds: not a whole number: '" + p[i] + "'");
            }
            if (percent[i] < 0 || percent[i] > 100) {
                throw new IllegalArgumentException("--odds: expected percentages from 0 to 100, got '" + odds + "'");
            }
        }
        if (percent[0] + percent[1] + percent[2] > 100) {
            throw new IllegalArgumentException("--odds: the percentages add up to more than 100: '" + odds + "'");
        }
        List<OutageSpec> specs = new ArrayList<>();
        outages.forEach(o -> specs.add(OutageSpec.parse(o)));
        Duration maxDuration = duration == null ? null : Durations.parse("--duration", duration);
        return new ReplaySettings(traffic, decks, cps, limit, maxDuration, List.copyOf(specs), holdMin, holdMax,
                Durations.parse("--ring", ring).toMillis(), percent[0], percent[1], percent[2], dataDir, outDir, join, httpPort);
    }
}
