package io.switchboard.carrier.config;

import io.switchboard.contract.model.Service;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carrier accounts in PostgreSQL ({@code carriers}): the configured and sandbox carriers are
 * written at start with their credentials encrypted ({@link CredentialCipher}) and their plain
 * settings in {@code settings} as
 * {@code {"base_url", "timeout_ms", "breaker": {"max_failures", "reset_timeout_ms"}, "settings": {...}}};
 * adapters read them back from here, so every node with the carrier role uses the same accounts.
 */
public final class CarrierStore {

    private final Pool pool;
    private final CredentialCipher cipher;

    /**
     * @param pool the node's pool
     * @param cipher the cluster's credential cipher
     */
    public CarrierStore(Pool pool, CredentialCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    /**
     * Fails when any carrier row holds a secret in clear in its {@code settings} (written there by
     * hand or by an older tool): the start is refused rather than run with it.
     *
     * @return a future failed with {@link IllegalStateException} naming the carrier and the key
     */
    public Future<Void> refusePlaintextSecrets() {
        return pool.query("SELECT id, settings FROM carriers ORDER BY id").execute().compose(rows -> {
            for (Row row : rows) {
                String found = secretKey(row.getJsonObject(1), "");
                if (found != null) {
                    return Future.failedFuture(new IllegalStateException("carrier '" + row.getString(0)
                            + "' has a secret in clear in carriers.settings (" + found + "); remove it and configure "
                            + "it under carriers." + row.getString(0) + ".credentials, which are stored encrypted"));
                }
            }
            return Future.succeededFuture();
        });
    }

    private static String secretKey(JsonObject object, String path) {
        if (object == null) {
            return null;
        }
        for (String key : object.fieldNames()) {
            Object value = object.getValue(key);
            if (value instanceof JsonObject nested) {
                String found = secretKey(nested, path + key + ".");
                if (found != null) {
                    return found;
                }
            } else if (SecretNames.isSecret(key) && value != null && !String.valueOf(value).isEmpty()) {
                return path + key;
            }
        }
        return null;
    }

    /** Writes (inserts or updates) a carrier account, credentials encrypted. */
    public Future<Void> save(CarrierConfig carrier) {
        JsonObject settings = new JsonObject().put("base_url", carrier.baseUrl()).put("timeout_ms", carrier.timeoutMs())
                .put("breaker", new JsonObject().put("max_failures", carrier.breaker().maxFailures())
                        .put("reset_timeout_ms", carrier.breaker().resetTimeoutMs()))
                .put("settings", new JsonObject(new LinkedHashMap<>(carrier.settings())));
        String[] services = carrier.services().stream().map(Service::wireName).sorted().toArray(String[]::new);
        byte[] sealed = carrier.credentials().isEmpty() ? null : cipher.encrypt(carrier.id(), carrier.credentials());
        return pool.preparedQuery("INSERT INTO carriers (id, provider, display_name, services, priority, weight, "
                        + "sandbox, cps_limit, max_concurrent, settings, credentials_enc) "
                        + "VALUES ($1, $2, $1, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO UPDATE SET "
                        + "provider = $2, services = $3, priority = $4, weight = $5, sandbox = $6, cps_limit = $7, "
                        + "max_concurrent = $8, settings = $9, credentials_enc = $10, updated_at = now()")
                .execute(Tuple.tuple(List.of(carrier.id(), carrier.provider(), services, carrier.priority(),
                        carrier.weight(), carrier.sandbox())).addValue(carrier.cps() == 0 ? null : carrier.cps())
                        .addValue(carrier.maxConcurrent() == 0 ? null : carrier.maxConcurrent())
                        .addValue(settings).addValue(sealed == null ? null : io.vertx.core.buffer.Buffer.buffer(sealed)))
                .mapEmpty();
    }

    /**
     * @param providers the provider names this node has adapters for
     * @return every carrier of those providers that has credentials and is not deleted (a disabled one
     *     keeps its adapter, so its calls in progress can still be hung up), decrypted; a row whose
     *     credentials do not decrypt fails the future (wrong key: the start is refused)
     */
    public Future<List<CarrierConfig>> loadWithCredentials(Set<String> providers) {
        return pool.query("SELECT id, provider, services, priority, weight, coalesce(cps_limit, 0), "
                + "coalesce(max_concurrent, 0), settings, credentials_enc, sandbox FROM carriers "
                + "WHERE credentials_enc IS NOT NULL AND deleted_at IS NULL ORDER BY id").execute().map(rows -> {
                    List<CarrierConfig> carriers = new ArrayList<>();
                    for (Row row : rows) {
                        if (providers.contains(row.getString(1))) {
                            carriers.add(read(row));
                        }
                    }
                    return carriers;
                });
    }

    private CarrierConfig read(Row row) {
        String id = row.getString(0);
        JsonObject settings = row.getJsonObject(7);
        JsonObject breaker = settings.getJsonObject("breaker", new JsonObject());
        Set<Service> services = EnumSet.noneOf(Service.class);
        for (String name : row.getArrayOfStrings(2)) {
            services.add(Service.fromWire(name));
        }
        Map<String, String> plain = new LinkedHashMap<>();
        settings.getJsonObject("settings", new JsonObject()).forEach(e -> plain.put(e.getKey(), String.valueOf(e.getValue())));
        return new CarrierConfig(id, row.getString(1), settings.getString("base_url", ""), services,
                row.getInteger(3), row.getInteger(4), row.getInteger(5), row.getInteger(6),
                settings.getLong("timeout_ms", 5000L),
                new CarrierConfig.Breaker(breaker.getInteger("max_failures", 5), breaker.getLong("reset_timeout_ms", 30_000L)),
                row.getBoolean(9), plain, cipher.decrypt(id, row.getBuffer(8).getBytes()));
    }
}
