package io.switchboard.api.auth;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code last_used_at} without a database write per request: each use is noted in memory, and
 * {@link #flush} writes the latest use of every key in one statement ({@link KeyStore#touch}). The
 * http-api flushes every {@code api.last-used-flush-ms} and when it stops, so the column lags by at
 * most that interval (and loses it if the JVM dies).
 */
public final class LastUsed {

    private final KeyStore store;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    /** @param store where the uses are written */
    public LastUsed(KeyStore store) {
        this.store = store;
    }

    /** Notes that key {@code keyId} was used at {@code at}. */
    public void note(String keyId, Instant at) {
        pending.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** @return completes when the noted uses are written; uses noted meanwhile wait for the next flush */
    public Future<Void> flush() {
        Map<String, Instant> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        return store.touch(batch).recover(error -> {
            batch.forEach(this::note);
            return Future.failedFuture(error);
        });
    }
}
