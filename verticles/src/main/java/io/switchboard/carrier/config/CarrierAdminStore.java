package io.switchboard.carrier.config;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.Service;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code carriers} table as the admin API changes it: read, insert, update in a transaction
 * (the row locked while the change is computed), soft delete. Credentials are encrypted with the
 * cluster's {@link CredentialCipher} on write and decrypted on read; a row that holds none (a
 * sandbox carrier, or one registered by its first deck) reads with no credentials.
 *
 * <p>Soft delete: {@code deleted_at} is set and {@code enabled} cleared; the row stays, since calls,
 * attempts, CDRs and rate decks refer to it. A deleted carrier cannot be changed or re-created
 * under the same id.
 */
public final class CarrierAdminStore {

    private static final String COLUMNS = "id, provider, display_name, services, priority, weight, enabled, sandbox, "
            + "coalesce(cps_limit, 0), coalesce(max_concurrent, 0), settings, credentials_enc, created_at, updated_at, "
            + "deleted_at";

    private final Pool pool;
    private final CredentialCipher cipher;
    private final CarrierConfig.Breaker defaultBreaker;
    private final long defaultTimeoutMs;

    /**
     * A change: the record before and after it.
     *
     * @param before the record before
     * @param after the record after
     */
    public record Change(CarrierRecord before, CarrierRecord after) {
    }

    /**
     * @param pool the node's pool
     * @param cipher the cluster's credential cipher
     * @param defaultBreaker the breaker of a stored row that names none ({@code carrier-defaults})
     * @param defaultTimeoutMs the time-out of a stored row that names none, ms
     */
    public CarrierAdminStore(Pool pool, CredentialCipher cipher, CarrierConfig.Breaker defaultBreaker,
                             long defaultTimeoutMs) {
        this.pool = pool;
        this.cipher = cipher;
        this.defaultBreaker = defaultBreaker;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /**
     * @param includeDeleted whether deleted carriers are listed too
     * @return every carrier, by id
     */
    public Future<List<CarrierRecord>> list(boolean includeDeleted) {
        return list(includeDeleted, Integer.MAX_VALUE, null);
    }

    /**
     * @param includeDeleted whether deleted carriers are listed too
     * @param limit at most this many
     * @param startingAfter only ids after this one (cursor pagination), or null
     * @return carriers by id
     */
    public Future<List<CarrierRecord>> list(boolean includeDeleted, int limit, String startingAfter) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM carriers WHERE ($1::text IS NULL OR id > $1)"
                + (includeDeleted ? "" : " AND deleted_at IS NULL") + " ORDER BY id LIMIT $2")
                .execute(Tuple.of(startingAfter, limit)).map(rows -> {
                    List<CarrierRecord> list = new ArrayList<>();
                    rows.forEach(row -> list.add(read(row)));
                    return list;
                });
    }

    /** @return the carrier (deleted ones included), or null when there is no such row */
    public Future<CarrierRecord> get(String id) {
        return get(pool, id, false);
    }

    private Future<CarrierRecord> get(SqlClient client, String id, boolean lock) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM carriers WHERE id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    /**
     * @param record the new carrier
     * @return the stored record (with its timestamps); fails with TEL-011 naming {@code id} when a
     *     carrier (deleted ones included) already has the id
     */
    public Future<CarrierRecord> insert(CarrierRecord record) {
        return pool.preparedQuery("INSERT INTO carriers (id, provider, display_name, services, priority, weight, enabled, "
                        + "sandbox, cps_limit, max_concurrent, settings, credentials_enc) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING "
                        + "RETURNING " + COLUMNS)
                .execute(values(record))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(SwitchboardException.invalidField(ErrorCode.TEL_011, "id",
                                "id: a carrier '" + record.id() + "' already exists (deleted carriers keep their id)"))
                        : Future.succeededFuture(read(rows.iterator().next())));
    }

    private Tuple values(CarrierRecord r) {
        String[] services = r.services().stream().map(Service::wireName).sorted().toArray(String[]::new);
        return Tuple.tuple(List.of(r.id(), r.provider(), r.displayName(), services, r.priority(), r.weight(), r.enabled()))
                .addValue(r.cps() == 0 ? null : r.cps())
                .addValue(r.maxConcurrent() == 0 ? null : r.maxConcurrent())
                .addValue(r.settingsJson())
                .addValue(r.credentials().isEmpty() ? null : Buffer.buffer(cipher.encrypt(r.id(), r.credentials())));
    }

    /**
     * Changes a carrier in one transaction, its row locked while {@code change} computes the new
     * record (which may fail the future with its own {@link SwitchboardException}).
     *
     * @param id the carrier
     * @param change the new record from the current one (its id is kept)
     * @return before and after; TEL-013 when there is no such carrier or it is deleted
     */
    public Future<Change> update(String id, Function<CarrierRecord, CarrierRecord> change) {
        return pool.withTransaction(conn -> get(conn, id, true).compose(before -> {
            if (before == null || before.deletedAt() != null) {
                return Future.failedFuture(notFound(id));
            }
            CarrierRecord wanted = change.apply(before);
            return conn.preparedQuery("UPDATE carriers SET provider = $2, display_name = $3, services = $4, priority = $5, "
                            + "weight = $6, enabled = $7, cps_limit = $8, max_concurrent = $9, settings = $10, "
                            + "credentials_enc = $11, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                    .execute(values(wanted))
                    .map(rows -> new Change(before, read(rows.iterator().next())));
        }));
    }

    /**
     * Soft-deletes a carrier: disabled, {@code deleted_at} set, credentials kept encrypted.
     *
     * @return before and after; TEL-013 when there is no such carrier or it is already deleted
     */
    public Future<Change> delete(String id) {
        return pool.withTransaction(conn -> get(conn, id, true).compose(before -> {
            if (before == null || before.deletedAt() != null) {
                return Future.failedFuture(notFound(id));
            }
            return conn.preparedQuery("UPDATE carriers SET enabled = false, deleted_at = now(), updated_at = now() "
                            + "WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(id))
                    .map(rows -> new Change(before, read(rows.iterator().next())));
        }));
    }

    /** @return TEL-013 naming the carrier */
    public static SwitchboardException notFound(String id) {
        return new SwitchboardException(ErrorCode.TEL_013, "no such carrier: " + id, Map.of("id", id));
    }

    private CarrierRecord read(Row row) {
        String id = row.getString(0);
        String provider = row.getString(1);
        CarrierRecord.Parts parts = CarrierRecord.parts(provider, row.getJsonObject(10), defaultBreaker, defaultTimeoutMs);
        Buffer sealed = row.getBuffer(11);
        Map<String, String> credentials = sealed == null ? Map.of() : cipher.decrypt(id, sealed.getBytes());
        OffsetDateTime created = row.getOffsetDateTime(12);
        OffsetDateTime updated = row.getOffsetDateTime(13);
        OffsetDateTime deleted = row.getOffsetDateTime(14);
        return new CarrierRecord(id, provider, row.getString(2), CarrierRecord.services(row.getArrayOfStrings(3)),
                row.getInteger(4), row.getInteger(5), row.getInteger(8), row.getInteger(9), row.getBoolean(6),
                row.getBoolean(7), parts.baseUrl(),
                parts.timeoutMs(), parts.breaker(), parts.failoverCodes(), parts.settings(), parts.sip(), credentials,
                created == null ? null : created.toInstant(), updated == null ? null : updated.toInstant(),
                deleted == null ? null : deleted.toInstant());
    }

    /**
     * @param record a stored record
     * @return it as the adapters' and the sip-edge's {@link CarrierConfig}
     */
    public static CarrierConfig config(CarrierRecord record) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        record.settingsJson().getJsonObject("settings").forEach(e -> settings.put(e.getKey(), String.valueOf(e.getValue())));
        return new CarrierConfig(record.id(), record.provider(), record.baseUrl(), record.services(), record.priority(),
                record.weight(), record.cps(), record.maxConcurrent(), record.timeoutMs(), record.breaker(),
                record.sandbox(), settings, record.credentials());
    }
}
