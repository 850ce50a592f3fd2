package io.switchboard.node;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.storage.DatabaseTarget;
import io.switchboard.storage.EmbeddedDatabase;
import io.switchboard.storage.Migrations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Lock;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, starts if need be, migrates and opens this node's PostgreSQL.
 *
 * <p>With {@code database.url} set, that database is used. Without it, the cluster shares one
 * embedded PostgreSQL: under a cluster-wide lock, a node looks up the embedded database another
 * node published in the cluster map {@value #MAP}; if there is none (or it no longer answers) it
 * starts its own on {@code database.embedded.data-dir} and publishes it. So a second node on the
 * same machine needs no database settings at all.
 *
 * <p>Blocking: runs on the launcher thread (zonky and Flyway are blocking), never on an event loop.
 */
final class DatabaseBootstrap {

    /** Cluster-wide map of facts nodes share at start-up. */
    static final String MAP = "switchboard.cluster";
    /** Key of the published embedded database in {@link #MAP}. */
    static final String EMBEDDED_KEY = "embedded-database";
    private static final String LOCK = "switchboard.embedded-database";
    private static final long LOCK_TIMEOUT_MS = 120_000;
    private static final long PROBE_TIMEOUT_MS = 3_000;

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);

    /**
     * What a node holds of its database.
     *
     * @param target where it is
     * @param pool this node's vertx-pg-client pool
     * @param owned the embedded server this node started, or {@code null}
     * @param migration what Flyway did
     */
    record Opened(DatabaseTarget target, Pool pool, EmbeddedDatabase owned, MigrateResult migration) {
    }

    private final Vertx vertx;
    private final SwitchboardConfig.Database config;
    private final String nodeId;

    DatabaseBootstrap(Vertx vertx, SwitchboardConfig.Database config, String nodeId) {
        this.vertx = vertx;
        this.config = config;
        this.nodeId = nodeId;
    }

    /**
     * @return the opened, migrated database
     * @throws StartupException naming {@code database.url} or {@code database.embedded.*} when the
     *     database cannot be reached, started or migrated
     */
    Opened open() {
        EmbeddedDatabase owned = null;
        DatabaseTarget target;
        if (config.external()) {
            try {
                target = DatabaseTarget.fromUrl(config.url(), config.user(), config.password());
            } catch (RuntimeException e) {
                throw new StartupException("database.url: cannot parse '" + config.url() + "': " + Failures.describe(e));
            }
        } else {
            Located located = locateEmbedded();
            target = located.target();
            owned = located.owned();
        }
        String setting = config.external() ? "database.url" : "database.embedded";
        Pool pool = pool("switchboard", target, config.poolSize(), config.connectTimeoutMs());
        try {
            Await.result(pool.query("SELECT 1").execute(), config.connectTimeoutMs() + 1_000,
                    setting + ": cannot connect to " + target.host() + ":" + target.port() + "/" + target.database());
            MigrateResult migration;
            try {
                migration = Migrations.migrate(target);
            } catch (RuntimeException e) {
                throw new StartupException(setting + ": schema migration failed: " + Failures.describe(e), e);
            }
            LOG.info("database {} at schema version {} ({} migrations applied now)", target.describe(),
                    migration.targetSchemaVersion == null ? migration.initialSchemaVersion : migration.targetSchemaVersion,
                    migration.migrationsExecuted);
            return new Opened(target, pool, owned, migration);
        } catch (RuntimeException e) {
            pool.close();
            closeQuietly(owned);
            throw e;
        }
    }

    private record Located(DatabaseTarget target, EmbeddedDatabase owned) {
    }

    private Located locateEmbedded() {
        Lock lock = Await.result(vertx.sharedData().getLockWithTimeout(LOCK, LOCK_TIMEOUT_MS), LOCK_TIMEOUT_MS + 1_000,
                "database.embedded: cannot take the cluster lock " + LOCK);
        try {
            AsyncMap<String, JsonObject> map = Await.result(vertx.sharedData().<String, JsonObject>getAsyncMap(MAP),
                    10_000, "cluster: cannot open map " + MAP);
            JsonObject published = Await.result(map.get(EMBEDDED_KEY), 10_000, "cluster: cannot read map " + MAP);
            if (published != null) {
                DatabaseTarget shared = new DatabaseTarget(published.getString("host"), published.getInteger("port"),
                        published.getString("database"), published.getString("user"), "", true);
                if (answers(shared)) {
                    LOG.info("using the cluster's embedded PostgreSQL of node {} at {}", published.getString("node"),
                            shared.describe());
                    return new Located(shared, null);
                }
                LOG.warn("the embedded PostgreSQL published by node {} does not answer; starting one here",
                        published.getString("node"));
            }
            EmbeddedDatabase started = startEmbedded();
            DatabaseTarget target = started.target();
            Await.result(map.put(EMBEDDED_KEY, new JsonObject().put("host", target.host()).put("port", target.port())
                    .put("database", target.database()).put("user", target.user()).put("node", nodeId)), 10_000,
                    "cluster: cannot write map " + MAP);
            return new Located(target, started);
        } finally {
            lock.release();
        }
    }

    private EmbeddedDatabase startEmbedded() {
        try {
            return EmbeddedDatabase.start(config.embeddedDataDir(), config.embeddedPort());
        } catch (IOException | RuntimeException e) {
            throw new StartupException("database.embedded: cannot start PostgreSQL on "
                    + config.embeddedDataDir().toAbsolutePath() + " port " + config.embeddedPort() + ": "
                    + Failures.describe(e), e);
        }
    }

    private Pool pool(String name, DatabaseTarget target, int size, long connectTimeoutMs) {
        return PgBuilder.pool()
                .with(new PoolOptions().setName(name).setMaxSize(size))
                .with(new NetClientOptions().setConnectTimeout((int) connectTimeoutMs))
                .connectingTo(target.connectOptions())
                .using(vertx)
                .build();
    }

    private boolean answers(DatabaseTarget target) {
        Pool probe = pool("switchboard-probe", target, 1, PROBE_TIMEOUT_MS);
        try {
            Await.result(probe.query("SELECT 1").execute(), PROBE_TIMEOUT_MS + 1_000, "probe");
            return true;
        } catch (StartupException e) {
            return false;
        } finally {
            probe.close();
        }
    }

    /**
     * Withdraws this node's embedded database from the cluster map, so that nodes starting later
     * do not try to use it once this node is gone. Async; safe to call when nothing was published.
     */
    static Future<Void> unpublish(Vertx vertx, String nodeId) {
        return vertx.sharedData().<String, JsonObject>getAsyncMap(MAP)
                .compose(map -> map.get(EMBEDDED_KEY).compose(current -> current != null
                        && nodeId.equals(current.getString("node")) ? map.remove(EMBEDDED_KEY).mapEmpty()
                        : Future.<Void>succeededFuture()));
    }

    static void closeQuietly(EmbeddedDatabase database) {
        if (database == null) {
            return;
        }
        try {
            database.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", Failures.describe(e));
        }
    }
}
