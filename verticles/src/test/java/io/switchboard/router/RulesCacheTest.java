package io.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.model.Service;
import io.switchboard.router.policy.TenantRules;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Rules are cached for their TTL, and the last rules read keep serving while PostgreSQL is down. */
class RulesCacheTest {

    private static final TenantRules DENY_TELNYX = new TenantRules(TenantRules.Policy.LCR, Set.of(), Set.of("telnyx"),
            null, null, Map.of());

    @Test
    void rulesAreReadOncePerTtlAndTheLastRulesServeWhileTheDatabaseIsDown() {
        AtomicLong now = new AtomicLong(1_000);
        AtomicInteger reads = new AtomicInteger();
        boolean[] down = {false};
        RulesCache cache = new RulesCache((tenant, service) -> {
            reads.incrementAndGet();
            return down[0] ? Future.failedFuture("connection refused") : Future.succeededFuture(DENY_TELNYX);
        }, now::get);

        assertSame(DENY_TELNYX, cache.rules("t1", Service.VOICE).result());
        assertSame(DENY_TELNYX, cache.rules("t1", Service.VOICE).result());
        assertEquals(1, reads.get(), "cached within the TTL");

        down[0] = true;
        now.addAndGet(RulesCache.TTL_MS + 1);
        assertSame(DENY_TELNYX, cache.rules("t1", Service.VOICE).result(), "stale rules serve through an outage");
        assertEquals(2, reads.get(), "a reload was tried");
        assertTrue(cache.rules("t2", Service.VOICE).failed(), "a tenant never read has no rules to fall back on");

        down[0] = false;
        assertSame(DENY_TELNYX, cache.rules("t1", Service.VOICE).result());
        assertEquals(4, reads.get(), "read again once the database answers");
    }
}
