package io.switchboard.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.calls.CallPricing;
import io.switchboard.cdr.CdrJournal;
import io.switchboard.cdr.CdrRows;
import io.switchboard.cdr.JournalEntry;
import io.switchboard.cdr.JournalGroup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.error.ErrorCode;
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
import io.vertx.sqlclient.PoolOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * CDR ingest into PostgreSQL (issue 7: "sustained rows/s with batching, against the raw COPY rate
 * of the same rows on the same database in the same run; target ≥ 20,000 rows/s and ≥ 50% of raw
 * COPY").
 *
 * <p>Starts an embedded PostgreSQL 17 (migrated schema, indexes and constraints as in production)
 * and generates {@code records} finished calls and messages like the lifecycle hands them to the
 * cdr-writer: 85% calls with 1–3 attempts (earlier ones failed over on 503), completed, busy or not
 * answered, priced by {@link CallPricing}; 15% messages; destinations in six countries. They are
 * appended to a {@link CdrJournal} in batches of {@code per-batch} records (one group commit each),
 * then drained as the cdr-writer drains it: one transaction at a time, each taking the oldest
 * batches up to {@code batch-size} records ({@link JournalGroup#read}: decode, {@link CdrRows#prepare}),
 * written with {@link CdrRows#write(CdrRows.Prepared)}, then removed from the journal; a single worker
 * thread reads and prepares the next group while one is written ({@code prefetch=false} turns that off).
 * Rows counted: {@code calls}/{@code messages}, {@code call_attempts} and {@code cdrs}. Then the
 * same rows are read back ({@code COPY ... TO STDOUT}, binary), the tables truncated, and the rows
 * loaded again with {@code COPY ... FROM STDIN} (binary, one stream, all columns), timed. A warm-up
 * of {@code warmup} records goes first (JIT); then {@code rounds} rounds of both, each on truncated
 * tables after a VACUUM and CHECKPOINT, so that both paths meet the same machine load. Prints each
 * round and the medians; the machine is shared, so the ratio within a round is the steadier figure.
 *
 * <p>Tenant events (webhook outbox rows) are not part of the load; Kafka is off.
 *
 * <pre>mvn -B -pl tests -Pbench test-compile exec:exec -Dbench.main=io.switchboard.bench.CdrIngestHarness -Dbench.args="records=40000 rounds=3"</pre>
 */
public final class CdrIngestHarness {

    private static final String TENANT = "00000000-0000-0000-0000-000000000001";
    private static final String[] CARRIERS = {"twilio", "telnyx", "bandwidth"};
    private static final String[] PREFIXES = {"+4420", "+1212", "+4930", "+3314", "+9122", "+6129"};
    private static final String[] TABLES = {"calls", "messages", "call_attempts", "cdrs"};

    private CdrIngestHarness() {
    }

    /**
     * @param args {@code key=value}: records (40000 finished calls and messages), warmup (5000),
     *     per-batch (records per journal batch, 20), batch-size (the {@code cdr.batch-size} setting, 500),
     *     rounds (3: batch path then COPY, each on truncated tables), prefetch (true: as the cdr-writer)
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("records", "40000", "warmup", "5000",
                "per-batch", "20", "batch-size", "500", "rounds", "3", "prefetch", "true"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (!opts.containsKey(kv[0]) || kv.length != 2) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + opts.keySet());
            }
            opts.put(kv[0], kv[1]);
        }
        int records = Integer.parseInt(opts.get("records"));
        int warmup = Integer.parseInt(opts.get("warmup"));
        int perBatch = Integer.parseInt(opts.get("per-batch"));
        int maxRecords = Integer.parseInt(opts.get("batch-size"));
        int rounds = Integer.parseInt(opts.get("rounds"));
        boolean prefetch = Boolean.parseBoolean(opts.get("prefetch"));

        Path dir = Files.createTempDirectory("cdr-ingest");
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        Vertx vertx = Vertx.vertx();
        try {
            DatabaseTarget target = db.target();
            Migrations.migrate(target);
            try (Connection jdbc = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                 Statement st = jdbc.createStatement()) {
                for (String carrier : CARRIERS) {
                    st.execute("INSERT INTO carriers (id, provider, display_name, services) VALUES ('" + carrier
                            + "', '" + carrier + "', '" + carrier + "', '{voice,sms}') ON CONFLICT DO NOTHING");
                }
            }
            Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(target.connectOptions())
                    .using(vertx).build();
            CdrRows rows = new CdrRows(pool);
            rows.ensurePartitions(3).await(30, TimeUnit.SECONDS);
            Random random = new Random(42);

            System.out.printf("CDR ingest: %d records (+%d warm-up), %d records per journal batch, at most %d records per "
                    + "transaction, prefetch %s, %d rounds; PostgreSQL 17 embedded, %d cores%n", records, warmup,
                    perBatch, maxRecords, prefetch, rounds, Runtime.getRuntime().availableProcessors());
            Drained warm = drain(rows, journal(dir.resolve("journal-warmup"), generate(warmup, random), perBatch),
                    maxRecords, prefetch);
            System.out.printf("warm-up: %,d rows in %.2f s (%,.0f rows/s)%n", warm.rows, warm.seconds(),
                    warm.rows / warm.seconds());

            List<CallRecord> load = generate(records, random);
            List<Double> batchRates = new ArrayList<>();
            List<Double> copyRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                truncate(target);
                CdrJournal journal = journal(dir.resolve("journal-" + round), load, perBatch);
                checkpoint(target);
                Drained batched = drain(rows, journal, maxRecords, prefetch);
                Map<String, Long> counts = counts(target);
                long stored = counts.values().stream().mapToLong(Long::longValue).sum();
                if (stored != batched.rows) {
                    throw new IllegalStateException("the batch path stored " + stored + " rows, expected " + batched.rows);
                }
                double batchRate = stored / batched.seconds();

                Map<String, byte[]> copies = copyOut(target);
                truncate(target);
                checkpoint(target);
                long copyStart = System.nanoTime();
                copyIn(target, copies);
                double copySeconds = (System.nanoTime() - copyStart) / 1e9;
                if (!counts(target).equals(counts)) {
                    throw new IllegalStateException("COPY stored " + counts(target) + ", expected " + counts);
                }
                double copyRate = stored / copySeconds;
                batchRates.add(batchRate);
                copyRates.add(copyRate);
                ratios.add(batchRate / copyRate);
                System.out.printf("round %d: %,d rows %s%n  batch path: %.2f s, %,.0f rows/s (%,.0f records/s; reading "
                        + "and preparing %.0f%% of the time, overlapped with writing when prefetching)%n"
                        + "  raw COPY:   %.2f s, %,.0f rows/s%n  batch path / COPY = %.0f%%%n", round, stored, counts,
                        batched.seconds(), batchRate, records / batched.seconds(),
                        100.0 * batched.prepareNanos / batched.nanos, copySeconds, copyRate,
                        100.0 * batchRate / copyRate);
            }
            System.out.printf("median of %d rounds: batch path %,.0f rows/s, raw COPY %,.0f rows/s, ratio %.0f%% "
                    + "(ratio range %.0f–%.0f%%)%n", rounds, median(batchRates), median(copyRates),
                    100 * median(ratios), 100 * ratios.stream().mapToDouble(d -> d).min().orElse(0),
                    100 * ratios.stream().mapToDouble(d -> d).max().orElse(0));
            pool.close().await(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            db.close();
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private record Drained(long rows, long nanos, long prepareNanos) {
        double seconds() {
            return nanos / 1e9;
        }
    }

    /** A group as the cdr-writer's worker reads it, and how long reading and preparing took. */
    private record Group(int batches, CdrRows.Prepared prepared, long nanos) {
    }

    /**
     * The cdr-writer's drain loop ({@code CdrWriterVerticle#drain}): one transaction at a time; a
     * single worker thread reads, decodes and prepares the next group while the current one is
     * written (unless {@code prefetch} is false), then removes the written batches.
     */
    private static Drained drain(CdrRows rows, CdrJournal journal, int maxRecords, boolean prefetch) throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        long count = 0;
        long prepareNanos = 0;
        long start = System.nanoTime();
        try {
            Future<Group> current = worker.submit(() -> read(journal, 0, maxRecords));
            while (true) {
                Group group = current.get();
                prepareNanos += group.nanos();
                if (group.batches() == 0) {
                    break;
                }
                Future<Group> next = prefetch ? worker.submit(() -> read(journal, group.batches(), maxRecords)) : null;
                rows.write(group.prepared()).await(60, TimeUnit.SECONDS);
                worker.submit(() -> {
                    journal.remove(group.batches());
                    return null;
                }).get();
                count += group.prepared().rows();
                current = prefetch ? next : worker.submit(() -> read(journal, 0, maxRecords));
            }
        } finally {
            worker.shutdown();
        }
        long nanos = System.nanoTime() - start;
        journal.close();
        return new Drained(count, nanos, prepareNanos);
    }

    private static Group read(CdrJournal journal, int skip, int maxRecords) throws Exception {
        long t0 = System.nanoTime();
        JournalGroup group = JournalGroup.read(journal, skip, maxRecords);
        return new Group(group.batches(), group.prepared(), System.nanoTime() - t0);
    }

    private static CdrJournal journal(Path dir, List<CallRecord> records, int perBatch) throws Exception {
        CdrJournal journal = CdrJournal.open(dir, Long.MAX_VALUE);
        for (int i = 0; i < records.size(); i += perBatch) {
            journal.append(JournalEntry.encode(records.subList(i, Math.min(records.size(), i + perBatch)).stream()
                    .map(JournalEntry::of).toList()));
        }
        return journal;
    }

    /** Finished records as the lifecycle hands them to the cdr-writer. */
    private static List<CallRecord> generate(int n, Random random) {
        List<CallRecord> out = new ArrayList<>(n);
        Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).plusSeconds(60);
        for (int i = 0; i < n; i++) {
            Instant created = base.plusMillis(random.nextInt(3_600_000));
            String id = UUID.randomUUID().toString();
            String to = PREFIXES[random.nextInt(PREFIXES.length)] + (10_000_000 + random.nextInt(89_999_999));
            boolean voice = random.nextInt(100) < 85;
            int attemptCount = !voice ? 1 : random.nextInt(100) < 70 ? 1 : random.nextInt(100) < 83 ? 2 : 3;
            int outcome = random.nextInt(100);     // voice: < 70 completed, < 85 busy, else no answer
            List<Attempt> attempts = new ArrayList<>();
            Instant t = created.plusMillis(5);
            for (int a = 1; a <= attemptCount; a++) {
                String carrier = CARRIERS[(a - 1) % CARRIERS.length];
                boolean last = a == attemptCount;
                Instant end = t.plusMillis(last ? 2_000 + random.nextInt(120_000) : 150);
                AttemptOutcome result = !last ? AttemptOutcome.RETRYABLE_FAILURE
                        : !voice || outcome < 70 ? AttemptOutcome.SUCCESS : AttemptOutcome.FINAL_FAILURE;
                ErrorCode cause = !last ? ErrorCode.TEL_006 : result == AttemptOutcome.SUCCESS ? null
                        : outcome < 85 ? ErrorCode.TEL_202 : ErrorCode.TEL_203;
                Integer sip = !last ? Integer.valueOf(503) : cause == ErrorCode.TEL_202 ? Integer.valueOf(486)
                        : cause == ErrorCode.TEL_203 ? Integer.valueOf(480) : voice ? Integer.valueOf(200) : null;
                attempts.add(new Attempt(UUID.randomUUID().toString(), id, carrier, a, t, end, result, cause, sip,
                        sip == null ? null : sip == 200 ? 16 : sip == 486 ? 17 : sip == 480 ? 19 : 41,
                        sip == null ? "delivered" : String.valueOf(sip), "CA" + UUID.randomUUID().toString()
                        .replace("-", ""), null, to.substring(1, 4), (long) (100 + random.nextInt(3_000))));
                t = end;
            }
            Attempt carried = attempts.get(attempts.size() - 1);
            boolean answered = voice && outcome < 70;
            String state = voice ? answered ? "completed" : outcome < 85 ? "busy" : "no_answer"
                    : random.nextInt(100) < 95 ? "delivered" : "failed";
            Integer duration = voice ? answered ? 1 + random.nextInt(600) : 0 : null;
            int segments = 1 + random.nextInt(3);
            CallRecord record = new CallRecord(id, TENANT, voice ? Service.VOICE : Service.SMS, "outbound",
                    "+442079460000", to, null, voice ? 30 : null, false,
                    random.nextBoolean() ? "https://example.com/hooks/" + (i % 100) : null,
                    JsonNodeFactory.instance.objectNode().put("order", i).put("campaign", "spring"),
                    voice ? null : "Your code is " + random.nextInt(1_000_000), voice ? null : "gsm7",
                    voice ? null : segments, state, carried.carrier(), carried.carrierCallId(), 7L + random.nextInt(3),
                    to.substring(1, 4), Money.of(voice ? "0.0085" : "0.0400", "USD"),
                    voice ? Money.of("0.0100", "USD") : null, voice ? new BillingIncrement(6, 6) : null, created,
                    answered ? created.plusMillis(1_500) : null, carried.endedAt(), carried.endedAt(), duration, null,
                    null, answered || !voice ? null : state.equals("busy") ? "TEL-202" : "TEL-203",
                    answered || !voice ? null : state, carried.sipCode(), carried.q850Cause(), attempts);
            out.add(CallPricing.price(record, "USD"));
        }
        return out;
    }

    private static void truncate(DatabaseTarget target) throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
             Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + String.join(", ", TABLES));
        }
    }

    private static void checkpoint(DatabaseTarget target) throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
             Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE");
            st.execute("CHECKPOINT");
        }
    }

    private static Map<String, Long> counts(DatabaseTarget target) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
             Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static Map<String, byte[]> copyOut(DatabaseTarget target) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : TABLES) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                copy.copyOut("COPY (SELECT * FROM " + table + ") TO STDOUT (FORMAT binary)", bytes);
                out.put(table, bytes.toByteArray());
            }
        }
        return out;
    }

    private static void copyIn(DatabaseTarget target, Map<String, byte[]> tables) throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (Map.Entry<String, byte[]> table : tables.entrySet()) {
                copy.copyIn("COPY " + table.getKey() + " FROM STDIN (FORMAT binary)",
                        new ByteArrayInputStream(table.getValue()));
            }
        }
    }
}
