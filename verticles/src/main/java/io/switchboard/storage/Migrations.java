package io.switchboard.storage;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway, from the SQL migrations on the class path
 * ({@code db/migration/V<n>__<what>.sql}). Flyway takes a PostgreSQL advisory lock, so nodes
 * starting together migrate once.
 *
 * <p>Blocking (JDBC): call it from a launcher or worker thread, never on an event loop.
 */
public final class Migrations {

    /** Where the migrations live on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /**
     * @param target the database to migrate
     * @return Flyway's result: the versions before and after and how many migrations ran
     * @throws org.flywaydb.core.api.FlywayException when a migration fails or the database has
     *     a newer or diverging history
     */
    public static MigrateResult migrate(DatabaseTarget target) {
        Flyway flyway = Flyway.configure()
                .dataSource(target.jdbcUrl(), target.user(), target.password())
                .locations(LOCATION)
                .connectRetries(0)
                .failOnMissingLocations(true)
                .load();
        return flyway.migrate();
    }
}
