package io.switchboard.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idempotency records on a local Vert.x map (the same AsyncMap contract Hazelcast serves in a cluster). */
class IdempotencyStoreTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer in 10 s", e);
        }
    }

    @Test
    void firstExecutesThenReplaysAndConflicts() {
        IdempotencyStore store = new IdempotencyStore(vertx, 60_000, 2_000);
        String key = IdempotencyStore.scoped("t1", "k1");
        var first = assertInstanceOf(IdempotencyStore.Execute.class, await(store.begin(key, "fp-a")));
        await(store.complete(first, 201, "application/json", "{\"id\":\"c1\"}"));
        var replay = assertInstanceOf(IdempotencyStore.Replay.class, await(store.begin(key, "fp-a")));
        assertEquals(201, replay.status());
        assertEquals("{\"id\":\"c1\"}", replay.body());
        assertEquals("application/json", replay.contentType());
        assertInstanceOf(IdempotencyStore.Conflict.class, await(store.begin(key, "fp-b")));
        assertInstanceOf(IdempotencyStore.Execute.class, await(store.begin(IdempotencyStore.scoped("t2", "k1"), "fp-b")),
                "keys are per tenant");
    }

    @Test
    void aDuplicateWaitsForTheRunningFirst() {
        IdempotencyStore store = new IdempotencyStore(vertx, 60_000, 5_000);
        String key = IdempotencyStore.scoped("t1", "k2");
        var first = assertInstanceOf(IdempotencyStore.Execute.class, await(store.begin(key, "fp")));
        Future<IdempotencyStore.Outcome> duplicate = store.begin(key, "fp");
        vertx.setTimer(300, id -> store.complete(first, 502, "application/json", "{\"error\":{}}"));
        var replay = assertInstanceOf(IdempotencyStore.Replay.class, await(duplicate));
        assertEquals(502, replay.status(), "errors of an executed request are replayed too");
    }

    @Test
    void aDuplicateGivesUpAfterTheWaitAndAnAbandonedRecordIsTakenOver() throws Exception {
        IdempotencyStore store = new IdempotencyStore(vertx, 60_000, 300);
        String key = IdempotencyStore.scoped("t1", "k3");
        var first = assertInstanceOf(IdempotencyStore.Execute.class, await(store.begin(key, "fp")));
        assertInstanceOf(IdempotencyStore.InProgress.class, await(store.begin(key, "fp")));
        Thread.sleep(350);
        var second = assertInstanceOf(IdempotencyStore.Execute.class, await(store.begin(key, "fp")),
                "older than twice the wait: its node is taken to have died");
        assertNotEquals(first.running(), second.running());
    }

    @Test
    void anAbandonedClaimFreesTheKey() {
        IdempotencyStore store = new IdempotencyStore(vertx, 60_000, 2_000);
        String key = IdempotencyStore.scoped("t1", "k4");
        var first = assertInstanceOf(IdempotencyStore.Execute.class, await(store.begin(key, "fp")));
        await(store.abandon(first));
        assertInstanceOf(IdempotencyStore.Execute.class, await(store.begin(key, "fp")), "a 429 is not kept");
    }

    @Test
    void theFingerprintCoversMethodPathAndBody() {
        String base = IdempotencyHandler.fingerprint("POST", "/v1/calls", Buffer.buffer("{\"to\":\"+44\"}"));
        assertEquals(64, base.length());
        assertEquals(base, IdempotencyHandler.fingerprint("POST", "/v1/calls", Buffer.buffer("{\"to\":\"+44\"}")));
        assertNotEquals(base, IdempotencyHandler.fingerprint("POST", "/v1/messages", Buffer.buffer("{\"to\":\"+44\"}")));
        assertNotEquals(base, IdempotencyHandler.fingerprint("POST", "/v1/calls", Buffer.buffer("{\"to\":\"+45\"}")));
        assertNotEquals(base, IdempotencyHandler.fingerprint("POST", "/v1/calls?x=1", Buffer.buffer("{\"to\":\"+44\"}")));
    }
}
