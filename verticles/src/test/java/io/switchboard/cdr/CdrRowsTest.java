package io.switchboard.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.calls.CallPricing;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.Service;
import io.switchboard.storage.DatabaseTarget;
import io.switchboard.storage.EmbeddedDatabase;
import io.switchboard.storage.Migrations;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CdrRows} against a real PostgreSQL: the columns of each table, idempotence (a batch
 * written twice, a record twice in one batch), nulls in every kind of column, and webhook outbox
 * rows for the tenant's URL and the call's status_callback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdrRowsTest {

    private static final String TENANT = "00000000-0000-0000-0000-000000000001";

    @TempDir
    static Path dir;

    private EmbeddedDatabase db;
    private Vertx vertx;
    private Pool pool;
    private CdrRows rows;
    private Connection jdbc;

    @BeforeAll
    void start() throws Exception {
        db = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        DatabaseTarget target = db.target();
        Migrations.migrate(target);
        jdbc = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        try (Statement st = jdbc.createStatement()) {
            st.execute("INSERT INTO carriers (id, provider, display_name, services) VALUES "
                    + "('twilio', 'twilio', 'Twilio', '{voice,sms}'), ('telnyx', 'telnyx', 'Telnyx', '{voice,sms}')");
            st.execute("UPDATE tenants SET webhook_url = 'https://tenant.example/hooks' WHERE id = '" + TENANT + "'");
        }
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().connectingTo(target.connectOptions()).using(vertx).build();
        rows = new CdrRows(pool);
        rows.ensurePartitions(3).await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        jdbc.close();
        pool.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        db.close();
    }

    @Test
    void aFailedOverCallIsWrittenOnceWithItsCostAndAttemptsEvenWhenSentTwice() throws Exception {
        CallRecord call = failedOverCall();
        List<JournalEntry> batch = List.of(JournalEntry.of(call), JournalEntry.of(call));
        assertEquals(3, rows.write(batch).await(30, TimeUnit.SECONDS), "one call CDR and two attempt CDRs");
        assertEquals(3, rows.write(List.of(JournalEntry.of(call))).await(30, TimeUnit.SECONDS));

        String id = call.id();
        assertEquals(1, count("SELECT count(*) FROM calls WHERE id = '" + id + "'"));
        assertEquals(2, count("SELECT count(*) FROM call_attempts WHERE call_id = '" + id + "'"));
        assertEquals(3, count("SELECT count(*) FROM cdrs WHERE call_id = '" + id + "'"));
        Map<String, Object> cdr = row("SELECT state, cost, rate, connect_fee, billed_seconds, attempt_count, carrier_id, "
                + "destination_country, from_number, attempt_id FROM cdrs WHERE event_key = '" + id + ":call'");
        assertEquals("completed", cdr.get("state"));
        assertEquals(0, new BigDecimal("0.019000").compareTo((BigDecimal) cdr.get("cost")), cdr.toString());
        assertEquals(0, new BigDecimal("0.0090").compareTo((BigDecimal) cdr.get("rate")));
        assertEquals(60, cdr.get("billed_seconds"));
        assertEquals(2, cdr.get("attempt_count"));
        assertEquals("telnyx", cdr.get("carrier_id"));
        assertEquals("GB", cdr.get("destination_country"));
        assertEquals("", cdr.get("from_number"), "no caller id is stored as empty");
        assertNull(cdr.get("attempt_id"));
        Map<String, Object> failed = row("SELECT state, cost, rate, sip_code, hangup_cause FROM cdrs WHERE event_key = '"
                + id + ":attempt:1'");
        assertEquals("retryable_failure", failed.get("state"));
        assertEquals(0, BigDecimal.ZERO.compareTo((BigDecimal) failed.get("cost")));
        assertNull(failed.get("rate"), "a null in a decimal column");
        assertEquals(503, failed.get("sip_code"));
        assertEquals("TEL-006", failed.get("hangup_cause"));
        Map<String, Object> stored = row("SELECT state, record_json->>'id' AS json_id, metadata->>'order' AS ord "
                + "FROM calls WHERE id = '" + id + "'");
        assertEquals("completed", stored.get("state"));
        assertEquals(id, stored.get("json_id"));
        assertEquals("7", stored.get("ord"));
    }

    @Test
    void aLaterCopyOfARecordUpdatesItsCallsRow() throws Exception {
        CallRecord first = failedOverCall();
        CallRecord later = first.toBuilder().failure(ErrorCode.TEL_007.code(), "closed by the sweeper").build();
        rows.write(List.of(JournalEntry.of(first), JournalEntry.of(later))).await(30, TimeUnit.SECONDS);
        assertEquals("closed by the sweeper", row("SELECT failure_reason FROM calls WHERE id = '" + first.id() + "'")
                .get("failure_reason"));
    }

    @Test
    void aMessageAndEventsAreWrittenWithOutboxRowsForTheTenantAndTheCallback() throws Exception {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Attempt sent = new Attempt(UUID.randomUUID().toString(), id, "twilio", 1, now, now.plusMillis(80),
                AttemptOutcome.SUCCESS, null, null, null, "delivered", "SM123", null, "44", 80L);
        CallRecord message = CallPricing.price(new CallRecord(id, TENANT, Service.SMS, "outbound", "+442079460000",
                "+442071838750", null, null, false, null, null, "Your code is 1234", "gsm7", 2, "delivered", "twilio",
                "SM123", 3L, "44", Money.of("0.0400", "USD"), null, null, now, null, now.plusSeconds(2),
                now.plusSeconds(2), null, null, null, null, null, null, null, List.of(sent)), "USD");
        EventEnvelope withCallback = EventEnvelope.of("sms.delivered", now, TENANT,
                Map.of("message_id", id, "status_callback", "https://app.example/cb"));
        EventEnvelope plain = EventEnvelope.of("sms.sent", now, TENANT, Map.of("message_id", id));
        EventEnvelope system = EventEnvelope.of("carrier.health.changed", now, null, Map.of("carrier", "twilio"));
        List<JournalEntry> batch = List.of(JournalEntry.of(message), JournalEntry.of(withCallback),
                JournalEntry.of(plain), JournalEntry.of(system), JournalEntry.of(plain));
        assertEquals(2, rows.write(batch).await(30, TimeUnit.SECONDS));
        rows.write(batch).await(30, TimeUnit.SECONDS);

        Map<String, Object> cdr = row("SELECT record_type, segments, cost, state FROM cdrs WHERE event_key = '" + id
                + ":message'");
        assertEquals("message", cdr.get("record_type"));
        assertEquals(2, cdr.get("segments"));
        assertEquals(0, new BigDecimal("0.08").compareTo((BigDecimal) cdr.get("cost")));
        assertEquals(1, count("SELECT count(*) FROM messages WHERE id = '" + id + "' AND cost = 0.08"));
        assertEquals(2, count("SELECT count(*) FROM webhook_outbox WHERE event_id = '" + withCallback.id() + "'"),
                "tenant URL and status_callback");
        assertEquals(1, count("SELECT count(*) FROM webhook_outbox WHERE event_id = '" + plain.id()
                + "' AND url = 'https://tenant.example/hooks'"));
        assertEquals(0, count("SELECT count(*) FROM webhook_outbox WHERE event_id = '" + system.id() + "'"),
                "no tenant, no webhook");
    }

    private static CallRecord failedOverCall() {
        Instant start = Instant.now();
        String id = UUID.randomUUID().toString();
        Attempt first = new Attempt(UUID.randomUUID().toString(), id, "twilio", 1, start, start.plusMillis(120),
                AttemptOutcome.RETRYABLE_FAILURE, ErrorCode.TEL_006, 503, 41, "503", null, null, "44", null);
        Attempt second = new Attempt(UUID.randomUUID().toString(), id, "telnyx", 2, start.plusMillis(120),
                start.plusSeconds(40), AttemptOutcome.SUCCESS, null, 200, 16, "normal_clearing", "v3:abc", null, "44",
                900L);
        CallRecord call = new CallRecord(id, TENANT, Service.VOICE, "outbound", null, "+442071838750", null, 30, false,
                null, io.switchboard.contract.Json.mapper().createObjectNode().put("order", 7), null, null, null,
                "completed", "telnyx", "v3:abc", 2L, "44", Money.of("0.0090", "USD"), Money.of("0.0100", "USD"),
                new BillingIncrement(60, 60), start, start.plusSeconds(2), start.plusSeconds(40), start.plusSeconds(40),
                38, null, null, null, null, 200, 16, List.of(first, second));
        return CallPricing.price(call, "USD");
    }

    private long count(String sql) throws SQLException {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Object> row(String sql) throws SQLException {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row for " + sql);
            }
            Map<String, Object> out = new java.util.HashMap<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                out.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
            }
            return out;
        }
    }
}
