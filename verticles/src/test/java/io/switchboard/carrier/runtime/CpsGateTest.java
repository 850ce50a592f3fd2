package io.switchboard.carrier.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CPS gate lets a second's worth of requests through, then makes the next ones wait or refuses them. */
class CpsGateTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aSecondsWorthGoesAtOnceTheNextWaitsForItsSlotOrIsRefused() throws Exception {
        CpsGate gate = new CpsGate(2);
        Context context = vertx.getOrCreateContext();
        assertTrue(gate.acquire(context, 0).await(5, TimeUnit.SECONDS));
        assertTrue(gate.acquire(context, 0).await(5, TimeUnit.SECONDS));
        assertFalse(gate.acquire(context, 0).await(5, TimeUnit.SECONDS), "a third request in the same second, unwilling to wait");
        assertTrue(gate.acquire(context, 2_000).await(5, TimeUnit.SECONDS), "willing to wait for the refill");
        assertEquals(Boolean.FALSE, gate.acquire(context, 1).await(5, TimeUnit.SECONDS),
                "the slot just taken is gone: one millisecond is not enough for the next");
    }
}
