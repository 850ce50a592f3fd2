package io.switchboard.replay;

import io.switchboard.carrier.CarrierProviders;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.node.Node;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@code switchboard replay}: starts a node in this JVM (all roles; a private cluster of one
 * with its own embedded PostgreSQL, or joining the configured cluster), plays the decks' carriers
 * (sandbox carriers for the providers Switchboard simulates, {@link TrunkUas} SIP trunks behind the
 * SIP edge for the others), imports the decks over REST, places the traffic through
 * {@code POST /v1/calls} at the chosen rate with the outages injected on schedule, waits until
 * every call has its records, then builds the report from the tables ({@link ReplayReport}) and
 * writes it as {@code replay-report.json} and {@code replay-report.html}.
 *
 * <p>Blocking, on the caller's thread (a launcher or a test), never on an event loop.
 */
public final class Replay {

    private final ReplaySettings settings;
    private final Path configFile;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String apiBase;
    private String apiKey;

    /**
     * @param settings what to replay
     * @param configFile a configuration file layered under the replay's own settings, or null
     * @param out where the summary is printed
     * @param err where progress and notes are printed
     */
    public Replay(ReplaySettings settings, Path configFile, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.configFile = configFile;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the replay.
     *
     * @return the report (also written to the output folder)
     * @throws IllegalArgumentException naming the option at fault (bad files, unknown outage carrier)
     * @throws io.switchboard.config.ConfigException on a bad configuration
     * @throws io.switchboard.node.StartupException when the node does not start
     * @throws IllegalStateException when a deck is refused or the API cannot be reached
     */
    public JsonObject run() throws InterruptedException, IOException {
        List<DeckSet.Deck> decks = DeckSet.read(settings.decks());
        List<String> numbers = TrafficFile.voiceNumbers(settings.traffic(), settings.limit());
        Set<String> deckCarriers = new java.util.TreeSet<>();
        decks.forEach(d -> deckCarriers.add(d.carrier()));
        for (OutageSpec o : settings.outages()) {
            if (!deckCarriers.contains(o.carrier())) {
                throw new IllegalArgumentException("--outage: no deck for carrier '" + o.carrier() + "'; carriers: " + deckCarriers);
            }
        }
        List<String> sandbox = new ArrayList<>();
        List<String> trunkIds = new ArrayList<>();
        for (String carrier : deckCarriers) {
            (CarrierProviders.names().contains(carrier) ? sandbox : trunkIds).add(carrier);
        }
        String runId = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14) + "-"
                + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        apiKey = io.switchboard.api.auth.ApiKeys.generate(true);

        Map<String, TrunkUas> trunks = new LinkedHashMap<>();
        Map<String, Integer> trunkPorts = new LinkedHashMap<>();
        Node node = null;
        Pool pool = null;
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "replay-scheduler");
            t.setDaemon(true);
            return t;
        });
        try {
            TrunkUas.Behaviour behaviour = new TrunkUas.Behaviour(settings.busyPercent(), settings.noAnswerPercent(),
                    settings.failedPercent(), settings.ringMs(), settings.holdMin().toMillis(), settings.holdMax().toMillis());
            for (String id : trunkIds) {
                TrunkUas uas = new TrunkUas(id, behaviour);
                trunkPorts.put(id, uas.start());
                trunks.put(id, uas);
            }
            SwitchboardConfig config = config(sandbox, trunkPorts);
            err.printf("replay %s: %d calls at %s cps; carriers: %s (sandbox), %s (SIP trunks on an in-process UAS)%n",
                    runId, numbers.size(), settings.cps(), sandbox, trunkIds);
            node = Node.start(config, "replay-" + ProcessHandle.current().pid());
            apiBase = "http://127.0.0.1:" + node.httpPort();
            err.println("replay: node up, public API at " + apiBase);
            pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2).setName("replay-report"))
                    .connectingTo(node.database().connectOptions()).using(node.vertx()).build();
            ReplayQueries queries = new ReplayQueries(pool);

            Map<String, Long> versions = importDecks(decks);
            awaitRouters(versions, numbers);

            TrafficPlayer player = new TrafficPlayer(apiBase, apiKey, runId, settings.ringTimeoutS());
            List<ReplayReport.AppliedOutage> applied = java.util.Collections.synchronizedList(new ArrayList<>());
            long startNanos = System.nanoTime() + 200_000_000L;
            Instant trafficStart = Instant.now().plusMillis(200);
            for (OutageSpec o : settings.outages()) {
                long at = startNanos + o.start().toNanos() - System.nanoTime();
                scheduler.schedule(() -> {
                    Instant began = outage(o.carrier(), true, trunks);
                    scheduler.schedule(() -> applied.add(new ReplayReport.AppliedOutage(o.carrier(), began,
                            outage(o.carrier(), false, trunks))), o.length().toNanos(), TimeUnit.NANOSECONDS);
                }, at, TimeUnit.NANOSECONDS);
            }
            int expected = settings.duration() == null ? numbers.size()
                    : (int) Math.min(numbers.size(), Math.ceil(settings.cps() * settings.duration().toMillis() / 1000.0));
            ProgressLine progress = new ProgressLine(err, expected, settings.cps(), player, queries, runId, startNanos);
            scheduler.scheduleAtFixedRate(progress::print, 1, 1, TimeUnit.SECONDS);
            player.play(numbers, settings.cps(), settings.duration(), startNanos);
            Instant trafficEnd = Instant.now();
            // outages still to come or in progress end before the records are awaited
            long lastOutageEnd = settings.outages().stream().mapToLong(o -> o.end().toNanos()).max().orElse(0);
            long untilOutagesEnd = startNanos + lastOutageEnd - System.nanoTime();
            if (untilOutagesEnd > 0) {
                err.printf("%nreplay: traffic done; waiting %d s for the outages to end%n", untilOutagesEnd / 1_000_000_000L);
                Thread.sleep(untilOutagesEnd / 1_000_000L + 500);
            }
            long withCallId = player.answers().stream().filter(a -> a.callId() != null).count();
            Instant finished = awaitRecords(queries, runId, withCallId, progress);
            scheduler.shutdownNow();
            progress.print();
            err.println();
            ReplayReport.Facts facts = new ReplayReport.Facts(runId, settings, trafficStart, trafficEnd, finished,
                    player.placed(), player.answers(), List.copyOf(applied), trunkIds);
            JsonObject report = ReplayReport.build(queries, facts);
            write(report);
            out.print(ReportText.render(report));
            out.println("report: " + settings.outDir().resolve("replay-report.json") + " and "
                    + settings.outDir().resolve("replay-report.html"));
            return report;
        } finally {
            scheduler.shutdownNow();
            if (pool != null) {
                pool.close();
            }
            if (node != null) {
                node.stop();
            }
            trunks.values().forEach(TrunkUas::stop);
        }
    }

    private SwitchboardConfig config(List<String> sandbox, Map<String, Integer> trunkPorts) {
        Vertx reader = Vertx.vertx();
        try {
            ConfigLoader loader = new ConfigLoader(reader);
            JsonObject defaults = loader.defaults();
            JsonObject layer = ReplayNodeConfig.layer(settings, sandbox, trunkPorts, defaults, apiKey);
            if (!ReplayNodeConfig.known(defaults, "api", "bootstrap-admin-key")) {
                err.println("replay: note: this build has no api.bootstrap-admin-key; the Authorization header is sent anyway");
            }
            if (!ReplayNodeConfig.known(defaults, "limits", "enabled")) {
                err.println("replay: note: this build has no limits.enabled; no API rate limits to turn off");
            }
            return loader.load(configFile, System.getenv(), layer);
        } finally {
            reader.close();
        }
    }

    private HttpResponse<String> send(String method, String pathAndQuery, HttpRequest.BodyPublisher body, String type,
                                      Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + pathAndQuery)).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey).method(method, body);
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return carrier → the imported deck version */
    private Map<String, Long> importDecks(List<DeckSet.Deck> decks) throws IOException, InterruptedException {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (DeckSet.Deck deck : decks) {
            long began = System.nanoTime();
            HttpResponse<String> response = send("POST", "/v1/decks?carrier=" + enc(deck.carrier()) + "&service="
                    + enc(deck.service()), HttpRequest.BodyPublishers.ofFile(deck.file()), "text/csv", Duration.ofMinutes(10));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("deck " + deck.file() + " refused: HTTP " + response.statusCode() + " "
                        + abbreviate(response.body()));
            }
            JsonObject body = new JsonObject(response.body());
            JsonObject data = body.getJsonObject("data", body);
            long version = data.getLong("deck_id", -1L);
            err.printf("replay: deck %s (%s %s) imported as version %d: %s rows in %.1f s%n", deck.file().getFileName(),
                    deck.carrier(), deck.service(), version, data.getValue("rows_accepted", data.getValue("row_count", "?")),
                    (System.nanoTime() - began) / 1e9);
            if (deck.service().equals("voice")) {
                versions.put(deck.carrier(), version);
            }
        }
        return versions;
    }

    /**
     * Waits until routers plan with every imported deck: some of the first traffic numbers' route
     * plans ({@code GET /v1/routes}) name each deck version among their candidates.
     */
    private void awaitRouters(Map<String, Long> versions, List<String> numbers) throws IOException, InterruptedException {
        Set<Long> unseen = new HashSet<>(versions.values());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<String> sample = numbers.subList(0, Math.min(numbers.size(), 40));
        while (!unseen.isEmpty() && System.nanoTime() < deadline) {
            for (String to : sample) {
                HttpResponse<String> response = send("GET", "/v1/routes?service=voice&to=" + enc(to),
                        HttpRequest.BodyPublishers.noBody(), null, Duration.ofSeconds(10));
                if (response.statusCode() == 200) {
                    JsonObject body = new JsonObject(response.body());
                    JsonObject plan = body.getJsonObject("data", body);
                    JsonArray candidates = plan.getJsonArray("candidates", new JsonArray());
                    for (Object c : candidates) {
                        unseen.remove(((JsonObject) c).getLong("deck_version", -1L));
                    }
                }
                if (unseen.isEmpty()) {
                    break;
                }
            }
            if (!unseen.isEmpty()) {
                Thread.sleep(500);
            }
        }
        if (!unseen.isEmpty()) {
            err.println("replay: note: deck versions " + unseen + " not seen in any plan of the first " + sample.size()
                    + " numbers after 90 s; going on");
        } else {
            err.println("replay: routers plan with every deck");
        }
    }

    /** Turns an outage on or off; returns when it was applied. */
    private Instant outage(String carrier, boolean on, Map<String, TrunkUas> trunks) {
        TrunkUas trunk = trunks.get(carrier);
        if (trunk != null) {
            trunk.outage(on);
        } else {
            try {
                HttpResponse<String> response = send("PATCH", "/v1/sandbox/carriers/" + enc(carrier),
                        HttpRequest.BodyPublishers.ofString(new JsonObject().put("outage", on).encode()), "application/json",
                        Duration.ofSeconds(10));
                if (response.statusCode() != 200) {
                    err.printf("%nreplay: outage %s of %s refused: HTTP %d %s%n", on ? "on" : "off", carrier,
                            response.statusCode(), abbreviate(response.body()));
                }
            } catch (IOException e) {
                err.printf("%nreplay: outage %s of %s failed: %s%n", on ? "on" : "off", carrier, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        err.printf("%nreplay: %s outage %s%n", carrier, on ? "ON" : "off");
        return Instant.now();
    }

    /**
     * Waits until every call the API took has its {@code calls} row and its call CDR (the
     * cdr-writer drained), or gives up after the longest a call can take to be closed.
     */
    private Instant awaitRecords(ReplayQueries queries, String runId, long expected, ProgressLine progress)
            throws InterruptedException {
        long limitMs = settings.ringTimeoutS() * 1000L + 5_000 + settings.holdMax().toMillis() + 30_000 + 60_000;
        long deadline = System.currentTimeMillis() + limitMs;
        while (System.currentTimeMillis() < deadline) {
            long[] p = queries.progress(runId);
            if (p[0] >= expected && p[1] >= expected) {
                return Instant.now();
            }
            Thread.sleep(500);
        }
        err.printf("%nreplay: records still incomplete after %d s; reporting what is there%n", limitMs / 1000);
        return Instant.now();
    }

    private void write(JsonObject report) throws IOException {
        Files.createDirectories(settings.outDir());
        Files.writeString(settings.outDir().resolve("replay-report.json"), report.encodePrettily() + "\n");
        Files.writeString(settings.outDir().resolve("replay-report.html"), ReportHtml.render(report));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
