package io.switchboard.router.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Rate-deck versions in PostgreSQL ({@code rate_decks}, {@code carriers}), through
 * vertx-pg-client: never blocks the calling event loop. The rows themselves move with
 * {@link RatesCopy}.
 *
 * <p>An import is {@link #create} (status {@code importing}), the rows copied in, then
 * {@link #publish} (one transaction: the carrier's previous published version of the service
 * becomes {@code superseded}) or {@link #reject}. Superseded and rejected versions stay queryable.
 */
public final class DeckStore {

    private final Pool pool;

    /** @param pool the node's PostgreSQL pool */
    public DeckStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Registers the carrier if it is not known yet (provider = carrier id, offering the service),
     * so that a deck can be imported before the carrier's adapter is configured.
     */
    public Future<Void> ensureCarrier(String carrier, String service) {
        return pool.preparedQuery("INSERT INTO carriers (id, provider, display_name, services) VALUES ($1, $1, $1, "
                        + "ARRAY[$2]) ON CONFLICT (id) DO UPDATE SET services = CASE WHEN $2 = ANY(carriers.services) "
                        + "THEN carriers.services ELSE carriers.services || $2 END")
                .execute(Tuple.of(carrier, service)).mapEmpty();
    }

    /**
     * @param carrier a carrier id
     * @param deletedToo whether a deleted carrier counts
     * @return whether the {@code carriers} row exists
     */
    public Future<Boolean> carrierExists(String carrier, boolean deletedToo) {
        return pool.preparedQuery("SELECT 1 FROM carriers WHERE id = $1" + (deletedToo ? "" : " AND deleted_at IS NULL"))
                .execute(Tuple.of(carrier)).map(rows -> rows.size() > 0);
    }

    /** @return whether the carrier exists and was deleted through the admin API */
    public Future<Boolean> carrierDeleted(String carrier) {
        return pool.preparedQuery("SELECT 1 FROM carriers WHERE id = $1 AND deleted_at IS NOT NULL")
                .execute(Tuple.of(carrier)).map(rows -> rows.size() > 0);
    }

    /** Creates a version in status {@code importing}; the future holds its id. */
    public Future<Long> create(String carrier, String service, String currency, String sourceName) {
        return pool.preparedQuery("INSERT INTO rate_decks (carrier_id, service, currency, source_name) "
                        + "VALUES ($1, $2, $3, $4) RETURNING id")
                .execute(Tuple.of(carrier, service, currency, sourceName))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Publishes a version: in one transaction the carrier's published version of the same service
     * becomes {@code superseded} and this one {@code published} with its row count and currency.
     */
    public Future<DeckVersion> publish(long deckId, int rowCount, String currency) {
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE rate_decks SET status = 'superseded' "
                        + "WHERE (carrier_id, service) = (SELECT carrier_id, service FROM rate_decks WHERE id = $1) "
                        + "AND status = 'published'").execute(Tuple.of(deckId))
                .compose(x -> conn.preparedQuery("UPDATE rate_decks SET status = 'published', published_at = now(), "
                        + "row_count = $2, currency = $3 WHERE id = $1 AND status = 'importing' RETURNING " + COLUMNS)
                        .execute(Tuple.of(deckId, rowCount, currency)))
                .map(rows -> {
                    if (rows.size() != 1) {
                        throw new IllegalStateException("deck " + deckId + " is not being imported");
                    }
                    return version(rows.iterator().next());
                }));
    }

    /**
     * Keeps an imported version unpublished ({@code staged}) with its row count and currency, for a
     * later {@link #publishStaged}.
     */
    public Future<DeckVersion> stage(long deckId, int rowCount, String currency) {
        return pool.preparedQuery("UPDATE rate_decks SET status = 'staged', row_count = $2, currency = $3 "
                        + "WHERE id = $1 AND status = 'importing' RETURNING " + COLUMNS)
                .execute(Tuple.of(deckId, rowCount, currency))
                .map(rows -> {
                    if (rows.size() != 1) {
                        throw new IllegalStateException("deck " + deckId + " is not being imported");
                    }
                    return version(rows.iterator().next());
                });
    }

    /**
     * Publishes a staged version: in one transaction the carrier's published version of the same
     * service becomes {@code superseded} and this one {@code published}.
     *
     * @return the published version; fails with {@link IllegalStateException} when the version is
     *     not staged (its status is in the message)
     */
    public Future<DeckVersion> publishStaged(long deckId) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT status FROM rate_decks WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(deckId))
                .compose(rows -> {
                    String status = rows.size() == 0 ? "missing" : rows.iterator().next().getString(0);
                    if (!status.equals("staged")) {
                        return Future.failedFuture(new IllegalStateException("deck version " + deckId + " is " + status
                                + ", not staged"));
                    }
                    return conn.preparedQuery("UPDATE rate_decks SET status = 'superseded' WHERE (carrier_id, service) = "
                            + "(SELECT carrier_id, service FROM rate_decks WHERE id = $1) AND status = 'published'")
                            .execute(Tuple.of(deckId));
                })
                .compose(x -> conn.preparedQuery("UPDATE rate_decks SET status = 'published', published_at = now() "
                        + "WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(deckId)))
                .map(rows -> version(rows.iterator().next())));
    }

    /** Marks a version rejected, keeping its report (JSON array of {@code {row, reason}}); its rates are dropped. */
    public Future<Void> reject(long deckId, JsonArray report) {
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM rates WHERE deck_id = $1")
                .execute(Tuple.of(deckId))
                .compose(x -> conn.preparedQuery("UPDATE rate_decks SET status = 'rejected', rejected_rows = $2 "
                        + "WHERE id = $1").execute(Tuple.of(deckId, report))).mapEmpty());
    }

    private static final String COLUMNS = "id, carrier_id, service, status, row_count, currency, source_name, "
            + "imported_at, published_at";

    /** @return every version, newest first, optionally for one carrier (null: all) */
    public Future<List<DeckVersion>> list(String carrier) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM rate_decks WHERE $1::text IS NULL OR carrier_id = $1 "
                        + "ORDER BY id DESC").execute(Tuple.of(carrier))
                .map(DeckStore::versions);
    }

    /** @return the published versions (one per carrier and service) */
    public Future<List<DeckVersion>> published() {
        return pool.query("SELECT " + COLUMNS + " FROM rate_decks WHERE status = 'published' ORDER BY id")
                .execute().map(DeckStore::versions);
    }

    /** @return one version, or a failed future with {@link java.util.NoSuchElementException} */
    public Future<DeckVersion> get(long deckId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM rate_decks WHERE id = $1").execute(Tuple.of(deckId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new java.util.NoSuchElementException("no deck version " + deckId);
                    }
                    return version(rows.iterator().next());
                });
    }

    private static final String DIFF = "WITH a AS (SELECT DISTINCT ON (prefix) prefix, rate FROM rates WHERE deck_id = $1 "
            + "ORDER BY prefix, effective_from DESC), b AS (SELECT DISTINCT ON (prefix) prefix, rate FROM rates "
            + "WHERE deck_id = $2 ORDER BY prefix, effective_from DESC), d AS (SELECT coalesce(a.prefix, b.prefix) AS prefix, "
            + "a.rate AS old_rate, b.rate AS new_rate, CASE WHEN a.prefix IS NULL THEN 'added' WHEN b.prefix IS NULL "
            + "THEN 'removed' WHEN b.rate > a.rate THEN 'up' WHEN b.rate < a.rate THEN 'down' ELSE 'same' END AS change "
            + "FROM a FULL OUTER JOIN b ON a.prefix = b.prefix) ";

    /**
     * @param from the older version
     * @param to the newer version
     * @param limit changed prefixes to list at most
     * @return counts per change and the first changed prefixes; fails with
     *     {@link java.util.NoSuchElementException} when a version does not exist
     */
    public Future<DeckDiff> diff(long from, long to, int limit) {
        return get(from).compose(v -> get(to))
                .compose(v -> pool.preparedQuery(DIFF + "SELECT change, count(*) FROM d GROUP BY change")
                        .execute(Tuple.of(from, to)))
                .compose(countRows -> {
                    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
                    for (String change : List.of("added", "removed", "up", "down", "same")) {
                        counts.put(change, 0L);
                    }
                    countRows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                    return pool.preparedQuery(DIFF + "SELECT prefix, change, old_rate, new_rate FROM d "
                                    + "WHERE change <> 'same' ORDER BY prefix LIMIT $3")
                            .execute(Tuple.of(from, to, limit))
                            .map(rows -> {
                                List<DeckDiff.Change> changes = new ArrayList<>();
                                rows.forEach(row -> changes.add(new DeckDiff.Change(row.getString(0), row.getString(1),
                                        row.getBigDecimal(2), row.getBigDecimal(3))));
                                return new DeckDiff(from, to, counts, changes);
                            });
                });
    }

    /**
     * One rate row of a stored version, as listed by {@link #rates}.
     *
     * @param prefix the prefix
     * @param destination its name
     * @param rate rate per minute (or per message), in the version's currency
     * @param connectFee connect fee
     * @param initialIncrement first billing increment, s
     * @param nextIncrement following increments, s
     * @param effectiveFrom first instant it applies (UTC), or null for always
     * @param effectiveUntil instant it stops applying (UTC), or null for open
     * @param closed whether the code is withdrawn from {@code effectiveFrom} on
     */
    public record Rate(String prefix, String destination, java.math.BigDecimal rate, java.math.BigDecimal connectFee,
                       int initialIncrement, int nextIncrement, java.time.Instant effectiveFrom,
                       java.time.Instant effectiveUntil, boolean closed) {
    }

    /**
     * The rows of any version (published, superseded or rejected), ordered by prefix and date.
     *
     * @param prefix only prefixes starting with these digits (empty: all)
     * @param limit rows at most
     * @return the rows; fails with {@link java.util.NoSuchElementException} for an unknown version
     */
    public Future<List<Rate>> rates(long deckId, String prefix, int limit) {
        return get(deckId).compose(v -> pool.preparedQuery("SELECT prefix, destination, rate, connect_fee, "
                        + "initial_increment, next_increment, CASE WHEN effective_from = '-infinity' THEN NULL "
                        + "ELSE effective_from END, effective_until, closed FROM rates WHERE deck_id = $1 "
                        + "AND prefix LIKE $2 || '%' ORDER BY prefix, effective_from LIMIT $3")
                .execute(Tuple.of(deckId, prefix, limit)))
                .map(rows -> {
                    List<Rate> out = new ArrayList<>();
                    for (Row row : rows) {
                        OffsetDateTime from = row.getOffsetDateTime(6);
                        OffsetDateTime until = row.getOffsetDateTime(7);
                        out.add(new Rate(row.getString(0), row.getString(1), row.getBigDecimal(2), row.getBigDecimal(3),
                                row.getInteger(4), row.getInteger(5), from == null ? null : from.toInstant(),
                                until == null ? null : until.toInstant(), row.getBoolean(8)));
                    }
                    return out;
                });
    }

    private static List<DeckVersion> versions(RowSet<Row> rows) {
        List<DeckVersion> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(version(row));
        }
        return out;
    }

    private static DeckVersion version(Row row) {
        OffsetDateTime published = row.getOffsetDateTime(8);
        return new DeckVersion(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
                row.getInteger(4), row.getString(5).trim(), row.getString(6),
                row.getOffsetDateTime(7).toInstant(), published == null ? null : published.toInstant());
    }
}
