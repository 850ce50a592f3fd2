package io.switchboard.config;

import io.switchboard.contract.bus.Role;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Switchboard's validated configuration; the keys and their meaning are documented in
 * {@code conf/switchboard.yaml}. Built by {@link ConfigLoader}; immutable.
 *
 * @param node identity and roles of this node
 * @param http the public API server
 * @param management the per-node health and metrics server
 * @param database PostgreSQL, external or embedded
 * @param cluster Hazelcast membership
 * @param router routing decisions and failover
 * @param health the health-monitor's policy
 * @param shutdown graceful-stop bounds
 * @param log logging format and level
 * @param calls the call lifecycle's time limits
 * @param cdr the cdr-writer's journal and batches
 * @param kafka the Kafka export of events and CDRs (off when no bootstrap servers are set)
 * @param limits the API's rate limits, concurrent-call limits and idempotency keys
 * @param grpc the gRPC door of the http-api role
 */
public record SwitchboardConfig(
        Node node,
        Http http,
        Management management,
        Database database,
        Cluster cluster,
        Router router,
        Health health,
        Shutdown shutdown,
        Log log,
        Secrets secrets,
        Webhooks webhooks,
        Sandbox sandbox,
        CarrierDefaults carrierDefaults,
        java.util.List<io.switchboard.carrier.config.CarrierConfig> carriers,
        Sip sip,
        Calls calls,
        Cdr cdr,
        io.switchboard.cdr.kafka.KafkaSettings kafka,
        Api api,
        Limits limits,
        Grpc grpc) {

    /**
     * @param enabled whether nodes with the http-api role serve gRPC
     * @param port its TCP port on {@code http.host} (0 = any free port)
     */
    public record Grpc(boolean enabled, int port) {
    }

    /**
     * @param id the node's name; empty means generate one at start
     * @param roles the roles hosted, in a stable order, without duplicates
     */
    public record Node(String id, List<Role> roles) {
    }

    /**
     * @param host bind address
     * @param port TCP port (0 = any free port)
     * @param bodyLimit largest request body in bytes
     */
    public record Http(String host, int port, long bodyLimit) {
    }

    /**
     * @param host bind address
     * @param port TCP port (0 = any free port)
     */
    public record Management(String host, int port) {
    }

    /**
     * @param url libpq URI of an external PostgreSQL, or empty for the embedded one
     * @param user user when not in the URL (may be empty)
     * @param password password when not in the URL (may be empty)
     * @param poolSize connections in the pool
     * @param connectTimeoutMs how long to wait for the first connection, in ms
     * @param embeddedDataDir data folder of the embedded PostgreSQL
     * @param embeddedPort its port on 127.0.0.1 (0 = any free port)
     */
    public record Database(String url, String user, String password, int poolSize, long connectTimeoutMs,
                           Path embeddedDataDir, int embeddedPort) {

        /** @return whether an external database is configured */
        public boolean external() {
            return !url.isBlank();
        }
    }

    /**
     * @param name Hazelcast cluster name
     * @param configFile Hazelcast XML to start from, or empty for the built-in one
     * @param host bind and advertised address of Hazelcast and the event bus
     * @param port first Hazelcast port
     * @param members TCP-IP join members
     * @param minMembers members (this one included) to wait for before starting
     * @param joinTimeoutMs how long to wait for them, in ms
     */
    public record Cluster(String name, String configFile, String host, int port, List<String> members,
                          int minMembers, long joinTimeoutMs) {
    }

    /**
     * @param currency ISO 4217 currency costs are compared and reported in
     * @param exchangeRates units of {@code currency} per unit of another currency
     * @param referenceDurationS call length for estimated voice costs, s
     * @param attemptTimeoutMs wait for one carrier's answer, ms
     * @param retrySipCodes SIP response codes that fail over
     * @param deckUploadLimit largest deck upload, bytes
     */
    public record Router(java.util.Currency currency, java.util.Map<String, java.math.BigDecimal> exchangeRates,
                         long referenceDurationS, long attemptTimeoutMs, Set<Integer> retrySipCodes,
                         long deckUploadLimit) {
    }

    /**
     * @param windowMs sliding window of outcomes, ms
     * @param downAfterFailures failures in a row that put a carrier down
     * @param failureRateDownPercent error rate that puts a carrier down (with enough samples)
     * @param minimumSamples attempts the window needs before the error rate counts
     * @param upAfterSuccesses successes in a row that bring a down carrier back
     * @param autoDisableAfterFailures failures in a row that disable a carrier (0: never)
     * @param publishIntervalMs re-evaluation and republication period, ms
     * @param probeIntervalMs period of active probes of REST carriers, ms (0: none)
     * @param probeTimeoutMs a probe's time-out, ms
     * @param reenableAfterProbeSuccesses successful probes in a row that lift an auto-disable (0: never)
     */
    public record Health(long windowMs, int downAfterFailures, double failureRateDownPercent, int minimumSamples,
                         int upAfterSuccesses, int autoDisableAfterFailures, long publishIntervalMs,
                         long probeIntervalMs, long probeTimeoutMs, int reenableAfterProbeSuccesses) {
    }

    /** @param drainTimeoutMs how long in-flight HTTP requests may take after SIGTERM, in ms */
    public record Shutdown(long drainTimeoutMs) {
    }

    /**
     * @param format {@code text} or {@code json}
     * @param level root log level
     */
    public record Log(String format, String level) {
    }

    /**
     * Validates the values of a merged configuration tree whose keys are already known to exist.
     *
     * @throws ConfigException naming the first key whose value is out of range
     */
    /**
     * The key that encrypts carrier credentials at rest.
     *
     * @param key the key as Base64 of 32 bytes, or empty to use {@code keyFile}
     * @param keyFile the file holding the Base64 key; created on first start when missing
     */
    public record Secrets(String key, Path keyFile) {
        /** Never prints the key. */
        @Override
        public String toString() {
            return "Secrets[key=" + (key.isEmpty() ? "(none)" : "(set)") + ", keyFile=" + keyFile + "]";
        }
    }

    /**
     * API keys (issue 8), see {@code io.switchboard.api.auth}.
     *
     * @param bootstrapAdminKey an admin key of the operator tenant stored on start ({@code sk_live_}/{@code sk_test_}
     *     + 32 letters and digits), or empty: then a new database gets a generated one, printed once
     * @param keyCacheMs how long a node trusts a key row it read, ms (revocation evicts at once)
     * @param lastUsedFlushMs how often a node writes its keys' {@code last_used_at}, ms
     * @param rotationGraceS how long a rotated key keeps working by default, s
     */
    public record Api(String bootstrapAdminKey, long keyCacheMs, long lastUsedFlushMs, long rotationGraceS) {
        /** Never prints the key. */
        @Override
        public String toString() {
            return "Api[bootstrapAdminKey=" + (bootstrapAdminKey.isEmpty() ? "(none)" : "(set)") + ", keyCacheMs="
                    + keyCacheMs + ", lastUsedFlushMs=" + lastUsedFlushMs + ", rotationGraceS=" + rotationGraceS + "]";
        }
    }

    /**
     * @param publicUrl the base URL carriers reach the http-api at, without a trailing slash, or
     *     empty for the local http-api's own address
     */
    public record Webhooks(String publicUrl) {
    }

    /**
     * The call lifecycle (router role), see {@code io.switchboard.calls.CallLifecycle}.
     *
     * @param routeTimeoutMs wait for the router's answer, every failover attempt included, ms
     * @param sweepIntervalMs how often live calls are checked for being stuck, ms
     * @param queuedTimeoutMs a call never routed this long is failed, ms
     * @param defaultRingTimeoutS ring timeout of calls that name none, s
     * @param ringGraceMs extra wait for a carrier report after the ring timeout, ms
     * @param maxDurationMs an answered call with no hang-up report this long is closed, ms
     * @param receiptTimeoutMs a sent message without receipt this long is written as sent, ms
     * @param maxMessageSegments longest SMS accepted, in segments
     */
    public record Calls(long routeTimeoutMs, long sweepIntervalMs, long queuedTimeoutMs, int defaultRingTimeoutS,
                        long ringGraceMs, long maxDurationMs, long receiptTimeoutMs, int maxMessageSegments) {
    }

    /**
     * The public API's limits ({@code io.switchboard.api.limits}).
     *
     * @param enabled whether rate limits and concurrent-call limits apply (idempotency keys always do)
     * @param idempotencyTtlMs how long an idempotency key and its response are kept, ms
     * @param idempotencyWaitMs how long a duplicate request waits for the first one to finish, ms (an
     *     unfinished first request older than twice this counts as abandoned)
     * @param concurrencySweepIntervalMs how often ended calls are removed from the concurrent-call ledger, ms
     */
    public record Limits(boolean enabled, long idempotencyTtlMs, long idempotencyWaitMs, long concurrencySweepIntervalMs) {
    }

    /**
     * The cdr-writer: durable journal, batches to PostgreSQL, webhook delivery.
     *
     * @param journalDir folder of the durable journal files; empty: {@code journal/} beside the
     *     embedded database's data folder
     * @param journalMaxMb the journal refuses new records beyond this size, MiB
     * @param batchSize records per PostgreSQL transaction, at most
     * @param flushIntervalMs the longest a record waits in memory for its journal write, ms
     * @param retryIntervalMs wait after a failed PostgreSQL write before the next try, ms
     * @param webhookTimeoutMs one webhook delivery's time-out, ms
     * @param webhookPollIntervalMs how often due webhook deliveries are looked for, ms
     * @param webhookConcurrency deliveries in flight per node, at most
     */
    public record Cdr(String journalDir, int journalMaxMb, int batchSize, long flushIntervalMs, long retryIntervalMs,
                      long webhookTimeoutMs, long webhookPollIntervalMs, int webhookConcurrency) {
    }


    /**
     * Sandbox carriers (simulated providers).
     *
     * @param enabled {@code auto}, {@code true} or {@code false}
     * @param providers the providers simulated, each a carrier of the same id
     * @param busyPercent share of calls that end busy, percent
     * @param noAnswerPercent share of calls nobody answers, percent
     * @param failedPercent share of calls that fail, percent
     * @param ringMs ring time, ms
     * @param durationMinMs shortest answered call, ms
     * @param durationMaxMs longest answered call, ms
     * @param latencyMs added latency of each API response, ms
     * @param errorPercent share of API requests that fail with {@code errorKind}, percent
     * @param errorKind {@code server-error}, {@code rate-limited}, {@code timeout} or {@code connection-refused}
     */
    public record Sandbox(String enabled, List<String> providers, int busyPercent, int noAnswerPercent,
                          int failedPercent, long ringMs, long durationMinMs, long durationMaxMs, long latencyMs,
                          int errorPercent, String errorKind) {
    }

    /**
     * @param timeoutMs a carrier API request's timeout when the carrier sets none, ms
     * @param breaker the circuit breaker of a carrier that sets none
     */
    public record CarrierDefaults(long timeoutMs, io.switchboard.carrier.config.CarrierConfig.Breaker breaker) {
    }

    static SwitchboardConfig from(JsonObject tree) {
        ConfigValues v = new ConfigValues(tree);
        Node node = new Node(v.string("node.id").trim(), roles(v.strings("node.roles")));
        Http http = new Http(host(v, "http.host"), v.port("http.port"),
                v.number("http.body-limit", 1, 64L * 1024 * 1024));
        Management management = new Management(host(v, "management.host"), v.port("management.port"));
        Database database = new Database(v.string("database.url").trim(), v.string("database.user"),
                v.string("database.password"), (int) v.number("database.pool-size", 1, 1_000),
                v.number("database.connect-timeout-ms", 100, 600_000),
                Path.of(nonBlank(v, "database.embedded.data-dir")), v.port("database.embedded.port"));
        if (database.external() && !database.url().matches("(?i)^postgres(ql)?://.+")) {
            throw new ConfigException("database.url",
                    "expected postgresql://[user[:password]@]host[:port]/database, got '" + database.url() + "'");
        }
        Cluster cluster = new Cluster(nonBlank(v, "cluster.name"), v.string("cluster.config-file").trim(),
                host(v, "cluster.host"), v.port("cluster.port"), v.strings("cluster.members"),
                (int) v.number("cluster.min-members", 1, 1_000), v.number("cluster.join-timeout-ms", 1_000, 3_600_000));
        if (cluster.port() == 0) {
            throw new ConfigException("cluster.port", "must be between 1 and 65535, got 0");
        }
        Router router = router(v);
        Health health = new Health(v.number("health.window-ms", 10_000, 86_400_000),
                (int) v.number("health.down-after-failures", 1, 1_000),
                v.number("health.failure-rate-down-percent", 1, 100), (int) v.number("health.minimum-samples", 1, 1_000_000),
                (int) v.number("health.up-after-successes", 1, 1_000),
                (int) v.number("health.auto-disable-after-failures", 0, 1_000_000),
                v.number("health.publish-interval-ms", 100, 600_000), v.number("health.probe-interval-ms", 0, 86_400_000),
                v.number("health.probe-timeout-ms", 100, 600_000),
                (int) v.number("health.reenable-after-probe-successes", 0, 1_000_000));
        Shutdown shutdown = new Shutdown(v.number("shutdown.drain-timeout-ms", 0, 600_000));
        Log log = new Log(v.oneOf("log.format", Set.of("text", "json")),
                v.oneOf("log.level", Set.of("trace", "debug", "info", "warn", "error")).toUpperCase(java.util.Locale.ROOT));
        Secrets secrets = new Secrets(v.string("secrets.key").trim(), Path.of(nonBlank(v, "secrets.key-file")));
        String publicUrl = v.string("webhooks.public-url").trim().replaceAll("/+$", "");
        if (!publicUrl.isEmpty() && !publicUrl.matches("(?i)^https?://[^/\\s]+(/\\S*)?$")) {
            throw new ConfigException("webhooks.public-url", "expected http(s)://host[:port][/path], got '" + publicUrl + "'");
        }
        Sandbox sandbox = new Sandbox(v.oneOf("sandbox.enabled", Set.of("auto", "true", "false")),
                v.strings("sandbox.providers"), (int) v.number("sandbox.busy-percent", 0, 100),
                (int) v.number("sandbox.no-answer-percent", 0, 100), (int) v.number("sandbox.failed-percent", 0, 100),
                v.number("sandbox.ring-ms", 0, 600_000), v.number("sandbox.duration-min-ms", 0, 86_400_000),
                v.number("sandbox.duration-max-ms", 0, 86_400_000), v.number("sandbox.latency-ms", 0, 600_000),
                (int) v.number("sandbox.error-percent", 0, 100),
                v.oneOf("sandbox.error-kind", Set.of("server-error", "rate-limited", "timeout", "connection-refused")));
        if (sandbox.busyPercent() + sandbox.noAnswerPercent() + sandbox.failedPercent() > 100) {
            throw new ConfigException("sandbox.busy-percent", "busy, no-answer and failed percentages add up to more than 100");
        }
        if (sandbox.durationMaxMs() < sandbox.durationMinMs()) {
            throw new ConfigException("sandbox.duration-max-ms", "is below sandbox.duration-min-ms");
        }
        CarrierDefaults carrierDefaults = new CarrierDefaults(v.number("carrier-defaults.timeout-ms", 100, 600_000),
                new io.switchboard.carrier.config.CarrierConfig.Breaker(
                        (int) v.number("carrier-defaults.breaker-max-failures", 1, 10_000),
                        v.number("carrier-defaults.breaker-reset-timeout-ms", 100, 86_400_000)));
        var carriers = new io.switchboard.carrier.config.CarrierConfigReader(carrierDefaults.breaker(),
                carrierDefaults.timeoutMs(), System::getenv).read(tree.getJsonObject("carriers", new JsonObject()));
        return new SwitchboardConfig(node, http, management, database, cluster, router, health, shutdown, log,
                secrets, new Webhooks(publicUrl), sandbox, carrierDefaults, carriers, sip(v), calls(v), cdr(v),
                new io.switchboard.cdr.kafka.KafkaSettings(v.string("kafka.bootstrap").trim(), nonBlank(v, "kafka.events-topic"),
                        nonBlank(v, "kafka.cdrs-topic")), api(v), limits(v),
                new Grpc(Boolean.parseBoolean(v.oneOf("grpc.enabled", Set.of("true", "false"))), v.port("grpc.port")));
    }

    private static Api api(ConfigValues v) {
        String key = v.string("api.bootstrap-admin-key").trim();
        if (!key.isEmpty() && !io.switchboard.api.auth.ApiKeys.wellFormed(key)) {
            throw new ConfigException("api.bootstrap-admin-key",
                    "expected sk_live_ or sk_test_ followed by 32 letters and digits (the value is not shown)");
        }
        return new Api(key, v.number("api.key-cache-ms", 0, 3_600_000), v.number("api.last-used-flush-ms", 100, 3_600_000),
                v.number("api.rotation-grace-s", 0, 604_800));
    }

    private static Limits limits(ConfigValues v) {
        Limits limits = new Limits(Boolean.parseBoolean(v.oneOf("limits.enabled", Set.of("true", "false"))),
                v.number("limits.idempotency-ttl-ms", 1_000, 604_800_000),
                v.number("limits.idempotency-wait-ms", 100, 3_600_000),
                v.number("limits.concurrency-sweep-interval-ms", 100, 600_000));
        long route = v.number("calls.route-timeout-ms", 1_000, 600_000);
        if (limits.idempotencyWaitMs() <= route) {
            throw new ConfigException("limits.idempotency-wait-ms", "must exceed calls.route-timeout-ms (" + route
                    + "), else a running request could be taken for abandoned and run twice");
        }
        return limits;
    }

    private static Calls calls(ConfigValues v) {
        return new Calls(v.number("calls.route-timeout-ms", 1_000, 600_000), v.number("calls.sweep-interval-ms", 100, 600_000),
                v.number("calls.queued-timeout-ms", 1_000, 3_600_000), (int) v.number("calls.default-ring-timeout-s", 1, 600),
                v.number("calls.ring-grace-ms", 0, 3_600_000), v.number("calls.max-duration-ms", 1_000, 172_800_000),
                v.number("calls.receipt-timeout-ms", 1_000, 604_800_000), (int) v.number("calls.max-message-segments", 1, 100));
    }

    private static Cdr cdr(ConfigValues v) {
        return new Cdr(v.string("cdr.journal-dir").trim(), (int) v.number("cdr.journal-max-mb", 1, 1_000_000),
                (int) v.number("cdr.batch-size", 1, 100_000), v.number("cdr.flush-interval-ms", 1, 60_000),
                v.number("cdr.retry-interval-ms", 10, 600_000), v.number("cdr.webhook-timeout-ms", 100, 600_000),
                v.number("cdr.webhook-poll-interval-ms", 10, 600_000), (int) v.number("cdr.webhook-concurrency", 1, 10_000));
    }

    /**
     * The {@code sip-edge} role: SIP listening points, the routing proxy's policy and protections,
     * the OPTIONS prober of SIP trunks (carriers with {@code provider: sip}).
     *
     * @param host IP address bound and put in Via and Record-Route
     * @param udpPort UDP port (0: any free port; -1: no UDP)
     * @param tcpPort TCP port (0: the UDP port when free, else any; -1: no TCP)
     * @param tlsPort TLS port when {@code tlsKeystore} is set (0: any free port)
     * @param tlsKeystore keystore (JKS or PKCS12) holding the TLS certificate; empty: no TLS
     * @param tlsKeystorePassword its password
     * @param attemptTimeoutMs wait for any response of one trunk before the next, ms
     * @param ringTimeoutMs wait for a final response after the first provisional, ms
     * @param failoverAfterProvisional whether a retryable failure after a 18x still fails over
     * @param acl CIDR blocks allowed to send new calls (others get 403)
     * @param floodLimit requests per second per source IP before a ban (0: no limit)
     * @param floodBanMs how long a flooding source is dropped, ms
     * @param probe the OPTIONS prober
     * @param mediaHost IP address put in the SDP ({@code c=}) of API-originated calls to SIP trunks
     * @param mediaPort RTP port put in their SDP ({@code m=})
     * @param uacMaxDurationMs an API-originated SIP call is hung up (BYE) this long after its INVITE, ms
     */
    public record Sip(String host, int udpPort, int tcpPort, int tlsPort, String tlsKeystore, String tlsKeystorePassword,
                      long attemptTimeoutMs, long ringTimeoutMs, boolean failoverAfterProvisional, List<String> acl,
                      int floodLimit, long floodBanMs, SipProbe probe, String mediaHost, int mediaPort,
                      long uacMaxDurationMs) {
        /** Never prints the keystore password. */
        @Override
        public String toString() {
            return "Sip[" + host + " udp=" + udpPort + " tcp=" + tcpPort + " tls=" + (tlsKeystore.isEmpty() ? "off" : tlsPort)
                    + "]";
        }
    }

    /**
     * @param intervalMs time between two OPTIONS to one trunk, ms
     * @param timeoutMs wait for the final response of one probe, ms
     * @param downAfter failed probes in a row that mark a trunk down
     * @param upAfter successful probes in a row that mark it up again
     * @param aliveCodes response codes that count as alive
     */
    public record SipProbe(long intervalMs, long timeoutMs, int downAfter, int upAfter, Set<Integer> aliveCodes) {
    }

    private static Sip sip(ConfigValues v) {
        String host = nonBlank(v, "sip.host");
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            throw new ConfigException("sip.host", "must be an IP address, got '" + host + "'");
        }
        Set<Integer> alive = new LinkedHashSet<>();
        for (String code : v.strings("sip.probe.alive-codes")) {
            try {
                int c = Integer.parseInt(code);
                if (c < 200 || c > 699) {
                    throw new NumberFormatException();
                }
                alive.add(c);
            } catch (NumberFormatException e) {
                throw new ConfigException("sip.probe.alive-codes", "'" + code + "' is not a final SIP code (200-699)");
            }
        }
        List<String> acl = v.strings("sip.acl");
        for (String block : acl) {
            if (!block.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
                throw new ConfigException("sip.acl", "'" + block + "' is not an IP address or CIDR block");
            }
        }
        Object failover = v.raw("sip.failover-after-provisional");
        String media = nonBlank(v, "sip.media-address").trim();
        int mediaColon = media.lastIndexOf(':');
        String mediaHost = mediaColon > 0 ? media.substring(0, mediaColon).replaceAll("^\\[|\\]$", "") : "";
        int mediaPort;
        try {
            mediaPort = Integer.parseInt(media.substring(mediaColon + 1));
        } catch (NumberFormatException e) {
            mediaPort = -1;
        }
        if (!mediaHost.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*") || mediaPort < 1 || mediaPort > 65_535) {
            throw new ConfigException("sip.media-address", "must be IP:port (e.g. 127.0.0.1:40000), got '" + media + "'");
        }
        SipProbe probe = new SipProbe(v.number("sip.probe.interval-ms", 100, 86_400_000),
                v.number("sip.probe.timeout-ms", 10, 600_000), (int) v.number("sip.probe.down-after", 1, 1_000),
                (int) v.number("sip.probe.up-after", 1, 1_000), Set.copyOf(alive));
        return new Sip(host, (int) v.number("sip.udp-port", -1, 65_535), (int) v.number("sip.tcp-port", -1, 65_535),
                v.port("sip.tls-port"), v.string("sip.tls-keystore").trim(), v.string("sip.tls-keystore-password"),
                v.number("sip.attempt-timeout-ms", 100, 600_000), v.number("sip.ring-timeout-ms", 1_000, 3_600_000),
                Boolean.TRUE.equals(failover), acl, (int) v.number("sip.flood-limit", 0, 1_000_000),
                v.number("sip.flood-ban-ms", 0, 86_400_000), probe, mediaHost, mediaPort,
                v.number("sip.uac-max-duration-ms", 1_000, 86_400_000));
    }

    private static Router router(ConfigValues v) {
        java.util.Currency base = currency("router.currency", v.string("router.currency").trim());
        java.util.Map<String, java.math.BigDecimal> rates = new java.util.LinkedHashMap<>();
        for (String entry : v.strings("router.exchange-rates")) {
            String[] parts = entry.split("=");
            if (parts.length != 2) {
                throw new ConfigException("router.exchange-rates", "expected CODE=rate, got '" + entry + "'");
            }
            java.util.Currency code = currency("router.exchange-rates", parts[0].trim());
            java.math.BigDecimal rate;
            try {
                rate = new java.math.BigDecimal(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("router.exchange-rates", "'" + parts[1].trim() + "' is not a number in '"
                        + entry + "'");
            }
            if (rate.signum() <= 0) {
                throw new ConfigException("router.exchange-rates", "rate must be positive in '" + entry + "'");
            }
            rates.put(code.getCurrencyCode(), rate);
        }
        Set<Integer> codes = new LinkedHashSet<>();
        for (String code : v.strings("router.retry-sip-codes")) {
            try {
                int sip = Integer.parseInt(code);
                if (sip < 300 || sip > 699) {
                    throw new NumberFormatException();
                }
                codes.add(sip);
            } catch (NumberFormatException e) {
                throw new ConfigException("router.retry-sip-codes", "'" + code + "' is not a SIP failure code (300-699)");
            }
        }
        return new Router(base, java.util.Map.copyOf(rates), v.number("router.reference-duration-s", 1, 86_400),
                v.number("router.attempt-timeout-ms", 100, 600_000), Set.copyOf(codes),
                v.number("router.deck-upload-limit", 1024, 4L * 1024 * 1024 * 1024));
    }

    private static java.util.Currency currency(String key, String code) {
        try {
            return java.util.Currency.getInstance(code.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "'" + code + "' is not an ISO 4217 currency code");
        }
    }

    private static List<Role> roles(List<String> names) {
        if (names.isEmpty()) {
            throw new ConfigException("node.roles", "at least one role is needed; expected some of " + Role.ids());
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : names) {
            try {
                roles.add(Role.fromId(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("node.roles", e.getMessage());
            }
        }
        List<Role> ordered = new ArrayList<>(roles);
        ordered.sort(null);
        return List.copyOf(ordered);
    }

    private static String host(ConfigValues v, String key) {
        return nonBlank(v, key);
    }

    private static String nonBlank(ConfigValues v, String key) {
        String value = v.string(key).trim();
        if (value.isEmpty()) {
            throw new ConfigException(key, "must not be empty");
        }
        return value;
    }
}
