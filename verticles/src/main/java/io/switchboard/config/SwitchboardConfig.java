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
        Log log) {

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
     */
    public record Health(long windowMs, int downAfterFailures, double failureRateDownPercent, int minimumSamples,
                         int upAfterSuccesses, int autoDisableAfterFailures, long publishIntervalMs) {
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
                v.number("health.publish-interval-ms", 100, 600_000));
        Shutdown shutdown = new Shutdown(v.number("shutdown.drain-timeout-ms", 0, 600_000));
        Log log = new Log(v.oneOf("log.format", Set.of("text", "json")),
                v.oneOf("log.level", Set.of("trace", "debug", "info", "warn", "error")).toUpperCase(java.util.Locale.ROOT));
        return new SwitchboardConfig(node, http, management, database, cluster, router, health, shutdown, log);
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
