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
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk transfer of a deck version's rows with PostgreSQL's {@code COPY}, in CSV, through the
 * PostgreSQL JDBC driver's {@link CopyManager}: the fast path for hundreds of thousands of rows,
 * which vertx-pg-client does not offer. The CSV is staged in memory (about 80 bytes a row,
 * 25 MB for a 300k-row deck) and written or read with commons-csv.
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
     * Stores every row of a version with one {@code COPY rates FROM STDIN} (all or nothing).
     *
     * @return rows stored
     * @throws SQLException on a database error (constraint violation, connection lost)
     */
    public long copyIn(long deckId, List<DeckRow> rows) throws SQLException, IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream(Math.max(1024, rows.size() * 80));
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(csv, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
            for (DeckRow row : rows) {
                printer.printRecord(deckId, row.prefix(), row.destination(), row.rate().toPlainString(),
                        row.connectFee().toPlainString(), row.initialIncrement(), row.nextIncrement(), row.closed(),
                        row.effectiveFrom() == null ? "-infinity" : row.effectiveFrom().toString(),
                        row.effectiveUntil() == null ? null : row.effectiveUntil().toString());
            }
        }
        try (Connection connection = connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            return copy.copyIn("COPY rates (deck_id, " + COLUMNS + ", effective_from, effective_until) FROM STDIN "
                    + "WITH (FORMAT csv)", new ByteArrayInputStream(csv.toByteArray()));
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
