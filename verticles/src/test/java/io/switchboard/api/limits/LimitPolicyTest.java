package io.switchboard.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The limits of a request: plans, overrides, operations, and the headers' arithmetic. */
class LimitPolicyTest {

    private final LimitPolicy policy = new LimitPolicy();

    private static ApiPrincipal principal(String plan, Map<String, Object> limits) {
        return new ApiPrincipal("key-1", "tenant-1", true, Set.of("admin"), plan, limits);
    }

    @Test
    void growthIsTheSpecificationsDefaults() {
        ApiPrincipal growth = principal("growth", Map.of());
        assertEquals(new RateLimit(5, 100, 1_000), policy.rate(growth, Operation.VOICE));
        assertEquals(new RateLimit(10, 300, 10_000), policy.rate(growth, Operation.SMS));
        assertEquals(new RateLimit(20, 200, 5_000), policy.rate(growth, Operation.ANALYTICS));
        assertEquals(50, policy.concurrentCalls(growth));
    }

    @Test
    void plansFollowAppendixC() {
        assertEquals(new RateLimit(1, 20, 200), policy.rate(principal("starter", Map.of()), Operation.VOICE));
        assertEquals(new RateLimit(1, 30, 1_000), policy.rate(principal("starter", Map.of()), Operation.SMS));
        assertEquals(5, policy.concurrentCalls(principal("starter", Map.of())));
        assertEquals(new RateLimit(20, 400, 4_000), policy.rate(principal("business", Map.of()), Operation.VOICE));
        assertEquals(new RateLimit(50, 1_500, 100_000), policy.rate(principal("business", Map.of()), Operation.SMS));
        assertEquals(200, policy.concurrentCalls(principal("business", Map.of())));
        assertEquals(new RateLimit(50, 1_000, 10_000), policy.rate(principal("Enterprise", Map.of()), Operation.VOICE));
        assertEquals(new RateLimit(100, 3_000, 500_000), policy.rate(principal("enterprise", Map.of()), Operation.SMS));
        assertEquals(1_000, policy.concurrentCalls(principal("enterprise", Map.of())));
        assertEquals(new RateLimit(20, 200, 5_000), policy.rate(principal("enterprise", Map.of()), Operation.ANALYTICS));
        assertEquals(new RateLimit(5, 100, 1_000), policy.rate(principal("no-such-plan", Map.of()), Operation.VOICE),
                "an unknown plan gets the defaults");
    }

    @Test
    void tenantOverridesReplaceSingleWindows() {
        ApiPrincipal p = principal("starter", Map.of("voice_per_second", 50, "voice_per_day", 0,
                "sms_per_minute", 12.0, "voice_concurrent", 7));
        assertEquals(new RateLimit(50, 20, 0), policy.rate(p, Operation.VOICE));
        assertEquals(new RateLimit(1, 12, 1_000), policy.rate(p, Operation.SMS));
        assertEquals(7, policy.concurrentCalls(p));
        ApiPrincipal none = principal("growth", Map.of("analytics_per_second", 0, "analytics_per_minute", 0,
                "analytics_per_day", 0, "voice_concurrent", 0));
        assertTrue(policy.rate(none, Operation.ANALYTICS).unlimited());
        assertEquals(0, policy.concurrentCalls(none));
        ApiPrincipal bad = principal("growth", Map.of("voice_per_second", -3, "voice_per_minute", "many"));
        assertEquals(new RateLimit(5, 100, 1_000), policy.rate(bad, Operation.VOICE), "bad overrides are ignored");
    }

    @Test
    void overridesAreValidatedByName() {
        LimitPolicy.validate(Map.of("voice_per_second", 10, "sms_per_day", 0, "voice_concurrent", 3));
        SwitchboardException unknown = assertThrows(SwitchboardException.class,
                () -> LimitPolicy.validate(Map.of("fax_per_second", 1)));
        assertEquals(ErrorCode.TEL_011, unknown.code());
        assertEquals("limits.fax_per_second", unknown.details().get("field"));
        SwitchboardException negative = assertThrows(SwitchboardException.class,
                () -> LimitPolicy.validate(Map.of("sms_per_minute", -1)));
        assertEquals("limits.sms_per_minute", negative.details().get("field"));
        assertThrows(SwitchboardException.class, () -> LimitPolicy.validate(Map.of("sms_per_minute", 1.5)));
    }

    @Test
    void requestsMapToOperations() {
        assertEquals(Optional.of(Operation.VOICE), Operation.of(HttpMethod.POST, "/v1/calls"));
        assertEquals(Optional.of(Operation.VOICE), Operation.of(HttpMethod.POST, "/v1/calls/"));
        assertEquals(Optional.of(Operation.SMS), Operation.of(HttpMethod.POST, "/v1/messages"));
        for (String read : List.of("/v1/cdrs", "/v1/usage", "/v1/costs", "/v1/calls")) {
            assertEquals(Optional.of(Operation.ANALYTICS), Operation.of(HttpMethod.GET, read), read);
        }
        assertEquals(Optional.empty(), Operation.of(HttpMethod.POST, "/v1/calls/abc/hangup"));
        assertEquals(Optional.empty(), Operation.of(HttpMethod.GET, "/v1/calls/abc"));
        assertEquals(Optional.empty(), Operation.of(HttpMethod.POST, "/v1/decks"));
        assertEquals(Optional.empty(), Operation.of(HttpMethod.GET, "/v1/events"));
    }

    @Test
    void headersNameTheTightestWindow() {
        List<RateDecision.Window> windows = RateDecision.windows(new RateLimit(5, 100, 1_000));
        assertEquals(3, windows.size());
        long now = 1_700_000_000_000L;
        RateDecision ok = RateDecision.of(windows, new long[] {4, 99, 999}, true, 0, now);
        assertTrue(ok.allowed());
        assertEquals(5, ok.limit());
        assertEquals(4, ok.remaining());
        assertEquals(1_700_000_001L, ok.resetEpochSeconds(), "one token of 5/s back in 0.2 s");
        assertEquals(0, ok.retryAfterSeconds());

        RateDecision minute = RateDecision.of(windows, new long[] {5, 2, 900}, true, 0, now);
        assertEquals(100, minute.limit());
        assertEquals(2, minute.remaining());
        assertEquals(1_700_000_000L + 59, minute.resetEpochSeconds(), "98 of 100/min take 58.8 s");

        RateDecision refused = RateDecision.of(windows, new long[] {0, 50, 500}, false, 1_500_000_000L, now);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertEquals(2, refused.retryAfterSeconds(), "1.5 s rounds up");
        assertEquals(1, RateDecision.of(windows, new long[] {0, 5, 5}, false, 1, now).retryAfterSeconds());

        List<RateDecision.Window> dayOnly = RateDecision.windows(new RateLimit(0, 0, 1_000));
        assertEquals(List.of(new RateDecision.Window(1_000, 86_400_000_000_000L)), dayOnly);
        assertEquals(now / 1000 + 86_400, RateDecision.of(dayOnly, new long[] {0}, false, 1, now).resetEpochSeconds());
    }
}
