package io.switchboard.api.auth;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.sip.protect.CidrBlock;
import io.switchboard.storage.RowMaps;
import static io.switchboard.storage.SqlIds.uuid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code api_keys} table: lookup by prefix (joined with the tenant), creation, listing,
 * revocation, rotation, {@code last_used_at} in batches, and the bootstrap admin key. The secret
 * itself is never stored: only its SHA-256 ({@link ApiKeys#hash}).
 */
public final class KeyStore {

    /** Columns of a key as the API shows it (never the hash). */
    private static final String VIEW = "id, tenant_id, lookup_prefix AS prefix, mode, scopes, ip_allow::text[] AS ip_allow, "
            + "description, expires_at, revoked_at, replaced_by, grace_until, last_used_at, created_at";

    private final Pool pool;

    /** @param pool the database */
    public KeyStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * What a new key is.
     *
     * @param tenantId the tenant it acts for
     * @param live live or test key
     * @param scopes its scopes (validated by the caller)
     * @param ipAllow CIDR blocks, as text; empty for any address
     * @param description free text, or null
     * @param expiresAt its expiry, or null
     */
    public record NewKey(String tenantId, boolean live, Set<String> scopes, List<String> ipAllow, String description,
            OffsetDateTime expiresAt) {
    }

    /**
     * @param prefix a lookup prefix
     * @return the key with that prefix and its tenant, or empty
     */
    public Future<Optional<StoredKey>> find(String prefix) {
        return pool.preparedQuery("SELECT k.id, k.tenant_id, k.lookup_prefix, k.key_hash, k.mode, k.scopes, "
                        + "k.ip_allow::text[], k.expires_at, k.revoked_at, k.grace_until, t.status, t.plan, t.limits "
                        + "FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.lookup_prefix = $1")
                .execute(Tuple.of(prefix))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    private static StoredKey stored(Row row) {
        String[] blocks = row.getArrayOfStrings(6);
        List<CidrBlock> ipAllow = blocks == null ? List.of() : Arrays.stream(blocks).map(CidrBlock::parse).toList();
        JsonObject limits = (JsonObject) row.getValue(12);
        return new StoredKey(row.getUUID(0).toString(), row.getUUID(1).toString(), row.getString(2),
                row.getBuffer(3).getBytes(), "live".equals(row.getString(4)), Set.of(row.getArrayOfStrings(5)), ipAllow,
                instant(row.getOffsetDateTime(7)), instant(row.getOffsetDateTime(8)), instant(row.getOffsetDateTime(9)),
                "active".equals(row.getString(10)), row.getString(11), limits == null ? Map.of() : limits.getMap());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /**
     * Creates a key.
     *
     * @param key what it is
     * @return the key as the API shows it, plus {@code key}: the secret, shown this once
     */
    public Future<Map<String, Object>> create(NewKey key) {
        return pool.withConnection(connection -> insert(connection, key, ApiKeys.generate(key.live())));
    }

    private static Future<Map<String, Object>> insert(SqlConnection connection, NewKey key, String secret) {
        return connection.preparedQuery("INSERT INTO api_keys (tenant_id, lookup_prefix, key_hash, mode, scopes, ip_allow, "
                        + "description, expires_at) VALUES ($1, $2, $3, $4, $5, $6::text[]::cidr[], $7, $8) RETURNING " + VIEW)
                .execute(Tuple.from(List.of(UUID.fromString(key.tenantId()), ApiKeys.prefix(secret),
                        io.vertx.core.buffer.Buffer.buffer(ApiKeys.hash(secret)), key.live() ? "live" : "test",
                        key.scopes().stream().sorted().toArray(String[]::new), key.ipAllow().toArray(String[]::new)))
                        .addValue(key.description()).addValue(key.expiresAt()))
                .map(rows -> withSecret(RowMaps.of(rows.iterator().next()), secret));
    }

    private static Map<String, Object> withSecret(Map<String, Object> view, String secret) {
        view.put("key", secret);
        return view;
    }

    /**
     * @param tenantId the tenant whose keys to list, or null for every tenant's
     * @param limit at most this many
     * @param startingAfter the id of the last key of the previous page, or null
     * @return the keys, newest first, without secrets
     */
    public Future<List<Map<String, Object>>> list(String tenantId, int limit, String startingAfter) {
        return pool.preparedQuery("SELECT " + VIEW + " FROM api_keys WHERE ($1::uuid IS NULL OR tenant_id = $1) "
                        + "AND ($2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM api_keys WHERE id = $2)) "
                        + "ORDER BY created_at DESC, id DESC LIMIT $3")
                .execute(Tuple.of(uuid(tenantId), uuid(startingAfter), limit))
                .map(KeyStore::views);
    }

    /**
     * @param tenantId the tenant the key must belong to, or null for any (admin)
     * @param id the key's id
     * @return the key as the API shows it, or a TEL-013 failure when there is no such key for that tenant
     */
    public Future<Map<String, Object>> get(String tenantId, String id) {
        return pool.preparedQuery("SELECT " + VIEW + " FROM api_keys WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2)")
                .execute(Tuple.of(uuid(id), uuid(tenantId)))
                .compose(rows -> one(rows, id));
    }

    /**
     * Revokes a key at once.
     *
     * @param tenantId the tenant the key must belong to, or null for any (admin)
     * @param id the key's id
     * @return the revoked key as the API shows it (TEL-013 if there is no such key for that tenant)
     */
    public Future<Map<String, Object>> revoke(String tenantId, String id) {
        return pool.preparedQuery("UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 "
                        + "AND ($2::uuid IS NULL OR tenant_id = $2) RETURNING " + VIEW)
                .execute(Tuple.of(uuid(id), uuid(tenantId)))
                .compose(rows -> one(rows, id));
    }

    /**
     * Rotates a key: a new key with the same tenant, mode, scopes, allow-list, description and
     * expiry; the old one keeps working for {@code graceSeconds} (0: stops at once).
     *
     * @param tenantId the tenant the key must belong to, or null for any (admin)
     * @param id the old key's id
     * @param graceSeconds the old key's grace period, s
     * @return {@code {"old": view, "new": view with key}}; TEL-013 if there is no such live (unrevoked,
     *     unrotated) key for that tenant
     */
    public Future<Map<String, Object>> rotate(String tenantId, String id, long graceSeconds) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT tenant_id, mode, scopes, "
                        + "ip_allow::text[], description, expires_at FROM api_keys WHERE id = $1 AND ($2::uuid IS NULL OR "
                        + "tenant_id = $2) AND revoked_at IS NULL AND replaced_by IS NULL FOR UPDATE")
                .execute(Tuple.of(uuid(id), uuid(tenantId)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(notFound(id));
                    }
                    Row old = rows.iterator().next();
                    String[] blocks = old.getArrayOfStrings(3);
                    NewKey copy = new NewKey(old.getUUID(0).toString(), "live".equals(old.getString(1)),
                            Set.of(old.getArrayOfStrings(2)), blocks == null ? List.of() : List.of(blocks),
                            old.getString(4), old.getOffsetDateTime(5));
                    return insert(connection, copy, ApiKeys.generate(copy.live())).compose(created -> connection
                            .preparedQuery("UPDATE api_keys SET replaced_by = $2, grace_until = now() + make_interval(secs => $3) "
                                    + "WHERE id = $1 RETURNING " + VIEW)
                            .execute(Tuple.of(uuid(id), uuid((String) created.get("id")), (double) graceSeconds))
                            .map(updated -> Map.<String, Object>of("old", RowMaps.of(updated.iterator().next()),
                                    "new", created)));
                }));
    }

    /**
     * Writes {@code last_used_at} of many keys in one statement (never moving it backwards).
     *
     * @param lastUsed key id → when it was last used
     * @return done
     */
    public Future<Void> touch(Map<String, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return Future.succeededFuture();
        }
        List<UUID> ids = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        lastUsed.forEach((id, at) -> {
            ids.add(UUID.fromString(id));
            times.add(at.atOffset(ZoneOffset.UTC));
        });
        return pool.preparedQuery("UPDATE api_keys k SET last_used_at = greatest(k.last_used_at, v.t) "
                        + "FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, t) WHERE k.id = v.id")
                .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))
                        .addArrayOfOffsetDateTime(times.toArray(OffsetDateTime[]::new))).mapEmpty();
    }

    /**
     * Stores the configured bootstrap admin key ({@code api.bootstrap-admin-key}) for the operator
     * tenant unless a key with its prefix exists.
     *
     * @param operatorTenant the operator tenant's id
     * @param secret the configured key (well-formed)
     * @return true if it was stored now, false if it was there already
     */
    public Future<Boolean> ensure(String operatorTenant, String secret) {
        return pool.preparedQuery("INSERT INTO api_keys (tenant_id, lookup_prefix, key_hash, mode, scopes, description) "
                        + "VALUES ($1, $2, $3, $4, '{admin}', 'bootstrap admin key (api.bootstrap-admin-key)') "
                        + "ON CONFLICT (lookup_prefix) DO NOTHING")
                .execute(Tuple.of(UUID.fromString(operatorTenant), ApiKeys.prefix(secret),
                        io.vertx.core.buffer.Buffer.buffer(ApiKeys.hash(secret)), ApiKeys.live(secret) ? "live" : "test"))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Creates a live admin key for the operator tenant if the database has no key at all (a new
     * database). Serialized across nodes by a transaction-scoped advisory lock, so one node creates it.
     *
     * @param operatorTenant the operator tenant's id
     * @return the new key's secret, or empty when keys exist already
     */
    public Future<Optional<String>> createFirst(String operatorTenant) {
        return pool.withTransaction(connection -> connection
                .query("SELECT pg_advisory_xact_lock(hashtext('switchboard.bootstrap-admin-key'))").execute()
                .compose(locked -> connection.query("SELECT count(*) FROM api_keys").execute())
                .compose(count -> count.iterator().next().getLong(0) > 0
                        ? Future.succeededFuture(Optional.<String>empty())
                        : insert(connection, new NewKey(operatorTenant, true, Set.of(Scopes.ADMIN), List.of(),
                                "bootstrap admin key (first start)", null), ApiKeys.generate(true))
                                .map(view -> Optional.of((String) view.get("key")))));
    }

    private static List<Map<String, Object>> views(RowSet<Row> rows) {
        List<Map<String, Object>> list = new ArrayList<>();
        rows.forEach(row -> list.add(RowMaps.of(row)));
        return list;
    }

    private static Future<Map<String, Object>> one(RowSet<Row> rows, String id) {
        return rows.size() == 0 ? Future.failedFuture(notFound(id)) : Future.succeededFuture(RowMaps.of(rows.iterator().next()));
    }

    private static SwitchboardException notFound(String id) {
        return new SwitchboardException(ErrorCode.TEL_013, "no such API key: " + id, Map.of("id", id));
    }
}
