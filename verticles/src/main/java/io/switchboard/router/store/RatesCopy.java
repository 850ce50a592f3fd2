package io.switchboard.router.store;

import io.switchboard.router.deck.DeckRow;
import io.switchboard.storage.DatabaseTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Bulk transfer of a deck version's rows with PostgreSQL's {@code COPY}, in CSV, through the
 * PostgreSQL JDBC driver: the fast path for hundreds of thousands of rows, which vertx-pg-client
 * does not offer. Rows stream into the database as they are read ({@link #open}); reading a
 * version back stages its CSV in memory (about 80 bytes a row) and parses it with commons-csv.
 *
 * <p>Blocking (JDBC): call only from a worker thread ({@code executeBlocking}), never on an event loop.
 */
public final class RatesCopy {

    private static final String COLUMNS = "prefix, destination, rate, connect_fee, initial_increment, next_increment, "
            + "closed";

    private final DatabaseTarget target;

    /** @param target the database */
    public RatesCopy(DatabaseTarget target) {
        this.target = target;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
    }

    /**
     * Opens one {@code COPY rates FROM STDIN} for a version: rows are streamed into it as they
     * come, and the whole copy is either committed or cancelled (nothing stored).
     *
     * @throws SQLException when the database cannot be reached
     */
    public Stream open(long deckId) throws SQLException {
        Connection connection = connect();
        try {
            PGCopyOutputStream out = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    "COPY rates (deck_id, " + COLUMNS + ", effective_from, effective_until) FROM STDIN WITH (FORMAT csv)",
                    1 << 16);
            return new Stream(connection, out, deckId);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * One open COPY of a version's rows: {@link #add} rows, then {@link #commit} or {@link #cancel}.
     *
     * <p>Rows are written as PostgreSQL CSV lines by hand rather than through a general CSV
     * printer: every field but the destination is digits, a plain decimal, a boolean or an ISO
     * instant, which need no quoting; the destination is always quoted (so an empty name is
     * stored as {@code ''}, not read as NULL); an open {@code effective_until} is an unquoted empty
     * field (NULL). Decks repeat a handful of dates, so the text of the last instant of each column
     * is kept.
     */
    public static final class Stream implements AutoCloseable {

        private final Connection connection;
        private final PGCopyOutputStream out;
        private final java.io.Writer writer;
        private final String deckField;
        private final StringBuilder line = new StringBuilder(160);
        private Instant lastFrom;
        private String lastFromText = "-infinity";
        private Instant lastUntil;
        private String lastUntilText = "";
        private long rows;
        private boolean done;

        private Stream(Connection connection, PGCopyOutputStream out, long deckId) {
            this.connection = connection;
            this.out = out;
            this.deckField = Long.toString(deckId);
            this.writer = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }

        /** Streams one row into the copy. */
        public void add(DeckRow row) throws IOException {
            StringBuilder b = line;
            b.setLength(0);
            b.append(deckField).append(',').append(row.prefix()).append(',');
            quoted(b, row.destination());
            b.append(',').append(row.rate().toPlainString()).append(',').append(row.connectFee().toPlainString())
                    .append(',').append(row.initialIncrement()).append(',').append(row.nextIncrement())
                    .append(',').append(row.closed()).append(',').append(fromText(row.effectiveFrom()))
                    .append(',').append(untilText(row.effectiveUntil())).append('\n');
            writer.append(b);
            rows++;
        }

        private String fromText(Instant from) {
            if (!java.util.Objects.equals(from, lastFrom)) {
                lastFrom = from;
                lastFromText = from == null ? "-infinity" : from.toString();
            }
            return lastFromText;
        }

        private String untilText(Instant until) {
            if (!java.util.Objects.equals(until, lastUntil)) {
                lastUntil = until;
                lastUntilText = until == null ? "" : until.toString();
            }
            return lastUntilText;
        }

        /** Appends {@code text} as a quoted CSV field, doubling its quotes. */
        private static void quoted(StringBuilder b, String text) {
            b.append('"');
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    b.append('"');
                }
                b.append(c);
            }
            b.append('"');
        }

        /** Ends the copy: every row added is stored, atomically. @return rows stored */
        public long commit() throws IOException, SQLException {
            writer.flush();
            out.close();
            done = true;
            connection.close();
            return rows;
        }

        /** Cancels the copy: nothing added is stored. */
        public void cancel() throws SQLException {
            if (!done) {
                done = true;
                try {
                    out.cancelCopy();
                } finally {
                    connection.close();
                }
            }
        }

        /** Cancels unless committed. */
        @Override
        public void close() throws SQLException {
            cancel();
        }
    }

    /**
     * Reads every row of a version with one {@code COPY (SELECT ...) TO STDOUT}.
     *
     * @param currency the version's currency, set on every row
     * @param sink receives the rows in no particular order
     * @return rows read
     */
    public long copyOut(long deckId, String currency, Consumer<DeckRow> sink) throws SQLException, IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream(1 << 20);
        try (Connection connection = connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyOut("COPY (SELECT " + COLUMNS + ", CASE WHEN effective_from = '-infinity' THEN NULL "
                    + "ELSE extract(epoch FROM effective_from)::bigint END, extract(epoch FROM effective_until)::bigint "
                    + "FROM rates WHERE deck_id = " + deckId + ") TO STDOUT WITH (FORMAT csv)", csv);
        }
        long count = 0;
        try (Reader in = new InputStreamReader(new ByteArrayInputStream(csv.toByteArray()), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.parse(in)) {
                count++;
                sink.accept(new DeckRow(count, r.get(0), r.get(1), new BigDecimal(r.get(2)), new BigDecimal(r.get(3)),
                        Integer.parseInt(r.get(4)), Integer.parseInt(r.get(5)), epoch(r.get(7)), epoch(r.get(8)),
                        currency, "t".equals(r.get(6))));
            }
        }
        return count;
    }

    private static Instant epoch(String seconds) {
        return seconds.isEmpty() ? null : Instant.ofEpochSecond(Long.parseLong(seconds));
    }
}
