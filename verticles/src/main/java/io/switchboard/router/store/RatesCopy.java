package io.switchboard.router.store;

import io.switchboard.router.deck.DeckRow;
import io.switchboard.router.index.RateTable;
import io.switchboard.storage.DatabaseTarget;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Bulk transfer of a deck version's rows with PostgreSQL's {@code COPY}, in CSV, through the
 * PostgreSQL JDBC driver: the fast path for hundreds of thousands of rows, which vertx-pg-client
 * does not offer. Rows stream into the database as they are read ({@link #open}), and stream back
 * into a router's table builder when a version is loaded ({@link #copyOut}).
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
     * Reads every row of a version with one {@code COPY (SELECT ...) TO STDOUT} straight into a
     * table builder: each row arrives as one CSV line, which is cut into fields here (PostgreSQL
     * quotes only a destination that needs it) and added in micro-units and epoch seconds, with no
     * row object, decimal or instant per row, and without staging the whole copy in memory. The
     * prices are {@code numeric(14,6)} and are converted exactly ({@link #micros}).
     *
     * @param deckId the version
     * @param table receives the rows in no particular order, numbered 1, 2, ...
     * @return rows read
     * @throws IllegalStateException a line is not in the expected shape (a schema mismatch)
     */
    public long copyOut(long deckId, RateTable.Builder table) throws SQLException {
        String sql = "COPY (SELECT " + COLUMNS + ", CASE WHEN effective_from = '-infinity' THEN NULL "
                + "ELSE extract(epoch FROM effective_from)::bigint END, extract(epoch FROM effective_until)::bigint "
                + "FROM rates WHERE deck_id = " + deckId + ") TO STDOUT WITH (FORMAT csv)";
        long count = 0;
        try (Connection connection = connect()) {
            CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            String[] fields = new String[9];
            byte[] line;
            while ((line = out.readFromCopy()) != null) {
                count++;
                splitCsvLine(new String(line, StandardCharsets.UTF_8), fields);
                table.add(fields[0], fields[1], micros(fields[2]), micros(fields[3]), Integer.parseInt(fields[4]),
                        Integer.parseInt(fields[5]), fields[7].isEmpty() ? RateTable.OPEN_FROM : Long.parseLong(fields[7]),
                        fields[8].isEmpty() ? RateTable.OPEN_UNTIL : Long.parseLong(fields[8]), "t".equals(fields[6]),
                        count);
            }
        }
        return count;
    }

    /**
     * Cuts one line of PostgreSQL's CSV output into exactly {@code fields.length} fields: a quoted
     * field may hold commas, doubled quotes and line breaks; the line break at the end is dropped.
     */
    static void splitCsvLine(String line, String[] fields) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        int field = 0;
        int i = 0;
        while (true) {
            if (field == fields.length) {
                throw new IllegalStateException("more than " + fields.length + " fields in a copied rates row: " + line);
            }
            if (i < end && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= end) {
                        throw new IllegalStateException("unterminated quote in a copied rates row: " + line);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < end && line.charAt(i) == '"') {
                            value.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        value.append(c);
                    }
                }
                fields[field++] = value.toString();
            } else {
                int comma = line.indexOf(',', i);
                int stop = comma < 0 || comma > end ? end : comma;
                fields[field++] = line.substring(i, stop);
                i = stop;
            }
            if (i >= end) {
                break;
            }
            if (line.charAt(i) != ',') {
                throw new IllegalStateException("text after a closing quote in a copied rates row: " + line);
            }
            i++;
        }
        if (field != fields.length) {
            throw new IllegalStateException(field + " fields instead of " + fields.length + " in a copied rates row: "
                    + line);
        }
    }

    /**
     * A stored price as micro-units, exactly: PostgreSQL writes {@code numeric(14,6)} as plain
     * digits with at most 6 decimals ({@code 0.003690}); anything else is refused.
     */
    static long micros(String decimal) {
        long value = 0;
        int decimals = -1;
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (c >= '0' && c <= '9' && decimals < 6) {
                value = Math.addExact(Math.multiplyExact(value, 10), c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            } else {
                throw new IllegalStateException("not a stored price: '" + decimal + "'");
            }
        }
        if (decimal.isEmpty() || decimal.equals(".")) {
            throw new IllegalStateException("not a stored price: '" + decimal + "'");
        }
        for (int d = Math.max(decimals, 0); d < 6; d++) {
            value = Math.multiplyExact(value, 10);
        }
        return value;
    }
}
