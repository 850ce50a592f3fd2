package io.switchboard.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema on a real PostgreSQL 17 (embedded), and the embedded database's persistence. */
class MigrationsTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;
    private static MigrateResult first;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(dataDir, 0);
        first = Migrations.migrate(database.target());
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    private static Connection connect() throws SQLException {
        DatabaseTarget t = database.target();
        return DriverManager.getConnection(t.jdbcUrl(), t.user(), t.password());
    }

    @Test
    void createsEveryTableTheProductNeeds() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        for (String table : List.of("tenants", "api_keys", "carriers", "rate_decks", "rates", "routing_rules",
                "calls", "call_attempts", "cdrs", "messages", "carrier_health", "carrier_health_log",
                "webhook_outbox", "audit_log", "routing_log")) {
            assertTrue(tables.contains(table), "missing table " + table + " in " + tables);
        }
        assertTrue(first.migrationsExecuted >= 1);
    }

    @Test
    void migratingAgainChangesNothing() {
        MigrateResult again = Migrations.migrate(database.target());
        assertEquals(0, again.migrationsExecuted);
        assertEquals(first.targetSchemaVersion, again.initialSchemaVersion);
    }

    @Test
    void cdrsArePartitionedByMonthWithPartitionsAhead() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT partstrat FROM pg_partitioned_table p "
                    + "JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = 'cdrs'")) {
                assertTrue(r.next());
                assertEquals("r", r.getString(1));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent "
                    + "WHERE c.relname = 'cdrs'")) {
                r.next();
                assertEquals(5, r.getInt(1), "4 monthly partitions and the default one");
            }
            try (ResultSet r = s.executeQuery("SELECT switchboard_ensure_cdr_partitions(current_date, 6)")) {
                r.next();
                assertEquals(3, r.getInt(1), "months 4 to 6 from now are new, the first three exist");
            }
            // A row of this month lands in its monthly partition, not in the default one.
            s.execute("INSERT INTO cdrs (event_key, record_type, call_id, tenant_id, service, direction, from_number, "
                    + "to_number, state, created_at) VALUES ('e1', 'call', gen_random_uuid(), gen_random_uuid(), "
                    + "'voice', 'outbound', '+14155550100', '+442071838750', 'completed', now())");
            try (ResultSet r = s.executeQuery("SELECT tableoid::regclass::text FROM cdrs WHERE event_key = 'e1'")) {
                r.next();
                assertTrue(r.getString(1).matches("cdrs_\\d{4}_\\d{2}"), r.getString(1));
            }
        }
    }

    @Test
    void duplicateCdrEventsAreRejectedByTheIdempotencyKey() throws Exception {
        String insert = "INSERT INTO cdrs (event_key, record_type, call_id, tenant_id, service, direction, from_number, "
                + "to_number, state, created_at) VALUES ('dup', 'call', gen_random_uuid(), gen_random_uuid(), 'voice', "
                + "'outbound', '+1', '+2', 'completed', '2026-11-02T10:00:00Z') ON CONFLICT (event_key, created_at) DO NOTHING";
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(insert));
            assertEquals(0, s.executeUpdate(insert));
        }
    }

    @Test
    void badRowsAreRefusedByConstraints() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO carriers (id, provider, display_name) VALUES ('telnyx', 'telnyx', 'Telnyx')");
            s.execute("INSERT INTO rate_decks (id, carrier_id, service) VALUES (100, 'telnyx', 'voice')");
            assertThrowsSql(s, "INSERT INTO rates (deck_id, prefix, rate) VALUES (100, '44 20', 0.01)", "rates_prefix_check");
            assertThrowsSql(s, "INSERT INTO rates (deck_id, prefix, rate) VALUES (100, '4420', -1)", "rates_rate_check");
            assertThrowsSql(s, "INSERT INTO carriers (id, provider, display_name) VALUES ('Bad Id', 'x', 'x')",
                    "carriers_id_check");
        }
    }

    private static void assertThrowsSql(Statement s, String sql, String constraint) {
        SQLException error = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.execute(sql));
        assertTrue(error.getMessage().contains(constraint), error.getMessage());
    }

    @Test
    void aBusyPortIsNamed(@TempDir Path other) throws Exception {
        int busy = database.target().port();
        java.io.IOException error = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> EmbeddedDatabase.start(other, busy));
        assertTrue(error.getMessage().startsWith("port " + busy + " on 127.0.0.1 is already in use"), error.getMessage());
    }

    @Test
    void dataSurvivesARestartOfTheEmbeddedServer() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenants (name) VALUES ('survivor')");
        }
        int port = database.target().port();
        database.close();
        database = EmbeddedDatabase.start(dataDir, port);
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM tenants WHERE name = 'survivor'")) {
            r.next();
            assertEquals(1, r.getInt(1));
        }
    }
}
