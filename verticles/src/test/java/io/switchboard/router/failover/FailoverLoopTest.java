package io.switchboard.router.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.bus.RouteResult;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.BreakerState;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.ExclusionReason;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failover loop over real event-bus addresses: consumers at {@code switchboard.carrier.<id>}
 * stand in for carrier adapters (which arrive with the carrier issue) and fail in each way.
 */
class FailoverLoopTest {

    private static Vertx vertx;
    private static final List<String> asked = new CopyOnWriteArrayList<>();
    private static final E164 TO = E164.parse("to", "+442071838750");

    @BeforeAll
    static void carriers() {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        answer("ok", AttemptReply.accepted("CA-ok-1"));
        answer("sip-503", new AttemptReply(AttemptOutcome.RETRYABLE_FAILURE, null, ErrorCode.TEL_006, 503, 41, null,
                "Service Unavailable"));
        answer("http-429", new AttemptReply(AttemptOutcome.RETRYABLE_FAILURE, null, ErrorCode.TEL_003, null, null, "429",
                "Too Many Requests"));
        answer("busy", new AttemptReply(AttemptOutcome.FINAL_FAILURE, null, ErrorCode.TEL_202, 486, 17, null, "Busy Here"));
        answer("invalid-number", new AttemptReply(AttemptOutcome.FINAL_FAILURE, null, ErrorCode.TEL_001, null, null,
                "21211", "Invalid 'To' Phone Number"));
        // says retryable but carries SIP 603: the router's SIP codes decide, and 603 is never retried
        answer("decline", new AttemptReply(AttemptOutcome.RETRYABLE_FAILURE, null, ErrorCode.TEL_204, 603, 21, null,
                "Decline"));
        vertx.eventBus().<AttemptRequest>consumer(Addresses.carrier("silent"), m -> asked.add("silent"));
        vertx.eventBus().<AttemptRequest>consumer(Addresses.carrier("broken"), m -> {
            asked.add("broken");
            m.fail(500, "adapter crashed");
        });
    }

    private static void answer(String carrier, AttemptReply reply) {
        vertx.eventBus().<AttemptRequest>consumer(Addresses.carrier(carrier), m -> {
            asked.add(carrier);
            assertEquals(carrier, m.body().carrier());
            m.reply(reply);
        });
    }

    @AfterAll
    static void close() {
        vertx.close().await();
    }

    private static RoutePlan plan(List<String> carriers, List<RoutePlan.ExcludedCandidate> excluded) {
        List<RoutePlan.Candidate> candidates = new ArrayList<>();
        for (String c : carriers) {
            candidates.add(new RoutePlan.Candidate(c, 1, "44", Money.of("0.01", "USD"), Money.of("0.01", "USD"), 100,
                    BreakerState.CLOSED, 1, "test"));
        }
        return new RoutePlan("req", Service.VOICE, TO, candidates, excluded, Instant.now(), 1);
    }

    private static RouteResult run(List<String> carriers, List<Attempt> seen) {
        asked.clear();
        FailoverLoop loop = new FailoverLoop(new EventBusCarrierGateway(vertx.eventBus()), RetryPolicy.defaults(),
                Clock.systemUTC(), 300);
        return loop.run(RouteRequest.of("req", Service.VOICE, TO), plan(carriers, List.of()), "call-1", seen::add).await();
    }

    @Test
    void retryableFailuresTimeoutsAndMissingAdaptersFailOverToTheNextCarrier() {
        List<Attempt> seen = new ArrayList<>();
        RouteResult result = run(List.of("sip-503", "http-429", "silent", "broken", "nobody-home", "ok", "busy"), seen);
        assertEquals("ok", result.carrier());
        assertEquals("CA-ok-1", result.carrierCallId());
        assertNull(result.error());
        assertEquals(List.of("sip-503", "http-429", "silent", "broken", "ok"), asked, "busy is never asked");
        assertEquals(List.of(AttemptOutcome.RETRYABLE_FAILURE, AttemptOutcome.RETRYABLE_FAILURE, AttemptOutcome.TIMEOUT,
                        AttemptOutcome.RETRYABLE_FAILURE, AttemptOutcome.RETRYABLE_FAILURE, AttemptOutcome.SUCCESS),
                result.attempts().stream().map(Attempt::outcome).toList());
        assertEquals(result.attempts(), seen, "each attempt is reported as it ends");
        assertEquals(503, result.attempts().get(0).sipCode());
        assertEquals("429", result.attempts().get(1).carrierCode());
        assertEquals(ErrorCode.TEL_007, result.attempts().get(2).cause());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), result.attempts().stream().map(Attempt::sequence).toList());
    }

    @Test
    void finalFailuresStopTheLoopWithTheirOwnCause() {
        RouteResult busy = run(List.of("sip-503", "busy", "ok"), new ArrayList<>());
        assertNull(busy.carrier());
        assertEquals("TEL-202", busy.error().code());
        assertEquals(List.of("sip-503", "busy"), asked);

        RouteResult invalid = run(List.of("invalid-number", "ok"), new ArrayList<>());
        assertEquals("TEL-001", invalid.error().code());
        assertTrue(invalid.error().message().contains("21211"), invalid.error().message());

        RouteResult declined = run(List.of("decline", "ok"), new ArrayList<>());
        assertEquals("TEL-204", declined.error().code(), "SIP 603 is final whatever the adapter said");
        assertEquals(List.of("decline"), asked);
    }

    @Test
    void everyCandidateFailingIsTel006ListingEachAttempt() {
        RouteResult result = run(List.of("sip-503", "silent"), new ArrayList<>());
        assertEquals("TEL-006", result.error().code());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) result.error().details().get("attempts");
        assertEquals(2, attempts.size());
        assertEquals("sip-503", attempts.get(0).get("carrier"));
        assertEquals(503, attempts.get(0).get("sip_code"));
        assertEquals("timeout", attempts.get(1).get("outcome"));
    }

    @Test
    void perCarrierSipCodesOverrideTheDefaults() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_RETRYABLE_SIP, Map.of("busy", Set.of(486)));
        AttemptReply busy = new AttemptReply(AttemptOutcome.FINAL_FAILURE, null, ErrorCode.TEL_202, 486, 17, null, null);
        assertTrue(policy.retryable("busy", busy));
        assertTrue(!policy.retryable("other", busy));
        // the carrier directory read again (a carrier's failover codes changed through the admin API)
        policy.carrierCodes(Map.of("other", Set.of(486)));
        assertTrue(policy.retryable("other", busy));
        assertTrue(!policy.retryable("busy", busy), "busy now uses the defaults, where 486 is final");
    }

    @Test
    void noCandidatesIsTel002WhenNobodyCoversAndTel601WhenCoveringCarriersAreExcluded() {
        FailoverLoop loop = new FailoverLoop(new EventBusCarrierGateway(vertx.eventBus()), RetryPolicy.defaults(),
                Clock.systemUTC(), 300);
        RouteRequest request = RouteRequest.of("req", Service.VOICE, TO);
        RouteResult uncovered = loop.run(request, plan(List.of(), List.of(
                new RoutePlan.ExcludedCandidate("a", ExclusionReason.NO_COVERAGE, "no effective rate"))), "c", a -> { })
                .await();
        assertEquals("TEL-002", uncovered.error().code());
        RouteResult excluded = loop.run(request, plan(List.of(), List.of(
                new RoutePlan.ExcludedCandidate("a", ExclusionReason.NO_COVERAGE, "no effective rate"),
                new RoutePlan.ExcludedCandidate("b", ExclusionReason.BREAKER_OPEN, "circuit breaker open"))), "c", a -> { })
                .await();
        assertEquals("TEL-601", excluded.error().code());
        assertTrue(excluded.attempts().isEmpty());
    }
}
