package io.switchboard.api.limits;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Idempotency keys, cluster-wide: a Vert.x shared-data map ({@value #MAP}; Hazelcast in a cluster)
 * from {@code <tenant id>:<Idempotency-Key>} to a record {@code {fp, state, started_ms, status,
 * content_type, body}} that lives {@code ttlMs} (24 h by default) from its last write.
 *
 * <p>{@link #begin} claims the key with {@code putIfAbsent}, which Hazelcast applies atomically on
 * the key's partition: of any number of concurrent requests on any nodes exactly one gets
 * {@link Execute}. The others find the record: with another fingerprint they get {@link Conflict};
 * finished, {@link Replay} with the first response; still running, they poll it (every 20 ms,
 * growing to 250 ms) until it is finished, for at most {@code waitMs}, then {@link InProgress}. A
 * running record older than twice {@code waitMs} is taken to be abandoned (its node died
 * mid-request) and the next request takes it over with a compare-and-set, executing the request again.
 */
public final class IdempotencyStore {

    /** Name of the cluster-wide map. */
    public static final String MAP = "switchboard.idempotency";

    /** What {@link #begin} decided. */
    public sealed interface Outcome permits Execute, Replay, Conflict, InProgress {
    }

    /**
     * This request runs; end it with {@link #complete} or {@link #abandon}.
     *
     * @param key the scoped key
     * @param running the record this request wrote
     */
    public record Execute(String key, String running) implements Outcome {
    }

    /**
     * The key's first request finished: answer with its response.
     *
     * @param status its HTTP status
     * @param contentType its content type, or null
     * @param body its body
     */
    public record Replay(int status, String contentType, String body) implements Outcome {
    }

    /** The key was used with another request (method, path or body). */
    public record Conflict() implements Outcome {
    }

    /** The key's first request is still running after the wait. */
    public record InProgress() implements Outcome {
    }

    private final Vertx vertx;
    private final Future<AsyncMap<String, String>> map;
    private final long ttlMs;
    private final long waitMs;

    /**
     * @param vertx the node's Vert.x (clustered: the map is Hazelcast's)
     * @param ttlMs how long a key is remembered, ms
     * @param waitMs how long a duplicate waits for the first request, ms; a running record older than
     *     twice this counts as abandoned
     */
    public IdempotencyStore(Vertx vertx, long ttlMs, long waitMs) {
        this.vertx = vertx;
        this.map = vertx.sharedData().<String, String>getAsyncMap(MAP);
        this.ttlMs = ttlMs;
        this.waitMs = waitMs;
    }

    /** @return the map key of a tenant's idempotency key */
    public static String scoped(String tenantId, String idempotencyKey) {
        return tenantId + ":" + idempotencyKey;
    }

    /**
     * @param key the scoped key ({@link #scoped})
     * @param fingerprint the request's fingerprint (SHA-256 of method, path and body)
     * @return what to do with the request
     */
    public Future<Outcome> begin(String key, String fingerprint) {
        long deadline = System.currentTimeMillis() + waitMs;
        return map.compose(m -> claim(m, key, fingerprint, deadline, 20));
    }

    private static String running(String fingerprint) {
        return new JsonObject().put("fp", fingerprint).put("state", "running")
                .put("started_ms", System.currentTimeMillis()).encode();
    }

    private Future<Outcome> claim(AsyncMap<String, String> m, String key, String fingerprint, long deadline, long pause) {
        String running = running(fingerprint);
        return m.putIfAbsent(key, running, ttlMs).compose(existing -> existing == null
                ? Future.succeededFuture(new Execute(key, running))
                : judge(m, key, fingerprint, existing, deadline, pause));
    }

    private Future<Outcome> judge(AsyncMap<String, String> m, String key, String fingerprint, String existing,
                                  long deadline, long pause) {
        JsonObject record = new JsonObject(existing);
        if (!fingerprint.equals(record.getString("fp"))) {
            return Future.succeededFuture(new Conflict());
        }
        if ("done".equals(record.getString("state"))) {
            return Future.succeededFuture(new Replay(record.getInteger("status"), record.getString("content_type"),
                    record.getString("body", "")));
        }
        long now = System.currentTimeMillis();
        if (now - record.getLong("started_ms", now) > 2 * waitMs) {
            String running = running(fingerprint);
            return m.replaceIfPresent(key, existing, running).compose(took -> took
                    ? Future.succeededFuture(new Execute(key, running))
                    : again(m, key, fingerprint, deadline, pause));
        }
        if (now >= deadline) {
            return Future.succeededFuture(new InProgress());
        }
        Promise<Void> later = Promise.promise();
        vertx.setTimer(Math.min(pause, Math.max(1, deadline - now)), id -> later.complete());
        return later.future().compose(v -> again(m, key, fingerprint, deadline, Math.min(250, pause * 2)));
    }

    private Future<Outcome> again(AsyncMap<String, String> m, String key, String fingerprint, long deadline, long pause) {
        return m.get(key).compose(current -> current == null
                ? claim(m, key, fingerprint, deadline, pause)
                : judge(m, key, fingerprint, current, deadline, pause));
    }

    /**
     * Stores the response of an executed request for the replays of the next {@code ttlMs}.
     *
     * @param execute the claim from {@link #begin}
     * @param status the HTTP status
     * @param contentType the content type, or null
     * @param body the body
     */
    public Future<Void> complete(Execute execute, int status, String contentType, String body) {
        String fingerprint = new JsonObject(execute.running()).getString("fp");
        String done = new JsonObject().put("fp", fingerprint).put("state", "done").put("status", status)
                .put("content_type", contentType).put("body", body).encode();
        return map.compose(m -> m.put(execute.key(), done, ttlMs));
    }

    /** Forgets a claim whose request was not executed (refused by a limit, or answered outside the API's writers). */
    public Future<Void> abandon(Execute execute) {
        return map.compose(m -> m.removeIfPresent(execute.key(), execute.running())).mapEmpty();
    }
}
