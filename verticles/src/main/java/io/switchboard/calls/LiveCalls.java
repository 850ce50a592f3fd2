package io.switchboard.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.call.CallRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cluster-wide map of live calls and messages ({@value #MAP}, Hazelcast through Vert.x shared
 * data), so any node answers for and hangs up any call. Values are the {@link CallRecord} as JSON;
 * a change is a compare-and-set ({@link AsyncMap#replaceIfPresent(Object, Object, Object)}), so two
 * nodes applying the same carrier report change the record once and only the winner announces it.
 */
public final class LiveCalls {

    /** Name of the cluster-wide map. */
    public static final String MAP = "switchboard.calls.live";
    /** How many times a change is tried again when another node changed the record first. */
    private static final int CAS_TRIES = 8;

    /**
     * Finished records handed to the cdr-writer stay readable here for {@value #RECENT_TTL_MS} ms,
     * until the writer has put them in PostgreSQL (normally within a second), so a call never reads
     * as unknown between the two.
     */
    static final String RECENT_MAP = "switchboard.calls.recent";
    static final long RECENT_TTL_MS = 300_000;

    private final Future<AsyncMap<String, String>> map;
    private final Future<AsyncMap<String, String>> recent;

    /** @param vertx a clustered (or local) Vert.x */
    public LiveCalls(Vertx vertx) {
        this.map = vertx.sharedData().<String, String>getAsyncMap(MAP);
        this.recent = vertx.sharedData().<String, String>getAsyncMap(RECENT_MAP);
    }

    /** Adds a new record; it stays until {@link #remove}d, however long. */
    public Future<Void> put(CallRecord call) {
        return map.compose(m -> m.put(call.id(), json(call)));
    }

    /**
     * @return the record, live or finished within the last {@value #RECENT_TTL_MS} ms; empty when it
     *     never was or finished longer ago (then PostgreSQL has it)
     */
    public Future<Optional<CallRecord>> get(String id) {
        return map.compose(m -> m.get(id))
                .compose(v -> v != null ? Future.succeededFuture(v) : recent.compose(r -> r.get(id)))
                .map(v -> Optional.ofNullable(v).map(LiveCalls::record));
    }

    /** Removes a finished record the cdr-writer took, keeping it readable (not live) for a while. */
    public Future<Void> remove(String id) {
        return map.compose(m -> m.get(id)).compose(last -> last == null ? Future.<Void>succeededFuture()
                        : recent.compose(r -> r.put(id, last, RECENT_TTL_MS)))
                .compose(v -> map.compose(m -> m.remove(id))).mapEmpty();
    }

    /** @return every live record (for the stuck-call sweeper) */
    public Future<List<CallRecord>> all() {
        return map.compose(AsyncMap::values).map(values -> values.stream().map(LiveCalls::record).toList());
    }

    /**
     * Changes one record atomically.
     *
     * @param id the record's id
     * @param change the new record for the current one, or empty to leave it as it is
     * @return the record as this call changed it, or empty when it is not live or the change was empty
     */
    public Future<Optional<CallRecord>> update(String id, Function<CallRecord, Optional<CallRecord>> change) {
        return map.compose(m -> update(m, id, change, CAS_TRIES));
    }

    private Future<Optional<CallRecord>> update(AsyncMap<String, String> m, String id,
                                                Function<CallRecord, Optional<CallRecord>> change, int tries) {
        return m.get(id).compose(current -> {
            if (current == null) {
                return Future.succeededFuture(Optional.empty());
            }
            Optional<CallRecord> next = change.apply(record(current));
            if (next.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            String nextJson = json(next.get());
            return m.replaceIfPresent(id, current, nextJson).compose(replaced -> {
                if (replaced) {
                    return Future.succeededFuture(next);
                }
                if (tries <= 1) {
                    return Future.failedFuture("call " + id + " changed concurrently " + CAS_TRIES + " times");
                }
                return update(m, id, change, tries - 1);
            });
        });
    }

    private static String json(CallRecord call) {
        try {
            return Json.mapper().writeValueAsString(call);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CallRecord record(String json) {
        try {
            return Json.mapper().readValue(json, CallRecord.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
