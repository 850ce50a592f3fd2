package io.switchboard.router.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.model.BreakerState;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.ExclusionReason;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteRankerTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final E164 LONDON = E164.parse("to", "+442071838750");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static RouteRanker ranker(long referenceS) {
        return new RouteRanker(referenceS, USD, Map.of("EUR", new BigDecimal("1.10")), new Random(7));
    }

    private static CarrierProfile profile(String id, int tier, int weight) {
        return new CarrierProfile(id, tier, weight, true, Set.of(Service.VOICE, Service.SMS), 0, 0);
    }

    private static Quote quote(String carrier, String rate, String fee, int initial, int next) {
        return new Quote(carrier, 1, "44", "United Kingdom", new BigDecimal(rate).movePointRight(6).longValueExact(),
                new BigDecimal(fee).movePointRight(6).longValueExact(), initial, next, "USD");
    }

    private static CarrierOption option(String id, int tier, String rate) {
        return new CarrierOption(profile(id, tier, 100), CarrierStatus.UNKNOWN, quote(id, rate, "0", 60, 60), false, true);
    }

    private static RoutePlan rank(List<CarrierOption> options, TenantRules rules) {
        return ranker(60).rank(RouteRequest.of("r1", Service.VOICE, LONDON), options, rules, NOW, System.nanoTime());
    }

    private static List<String> order(RoutePlan plan) {
        return plan.candidates().stream().map(RoutePlan.Candidate::carrier).toList();
    }

    @Test
    void lcrOrdersByTierThenCostThenHealth() {
        List<CarrierOption> options = List.of(
                option("cheap-tier2", 2, "0.001"),
                option("dear", 1, "0.020"),
                option("cheap", 1, "0.010"),
                new CarrierOption(profile("cheap-but-sicker", 1, 100),
                        new CarrierStatus(70, false, false, BreakerState.CLOSED, 0, 0), quote("cheap-but-sicker", "0.010", "0", 60, 60),
                        false, true));
        RoutePlan plan = rank(options, TenantRules.NONE);
        assertEquals(List.of("cheap", "cheap-but-sicker", "dear", "cheap-tier2"), order(plan));
        assertTrue(plan.excluded().isEmpty());
        RoutePlan.Candidate first = plan.candidates().get(0);
        assertEquals(new BigDecimal("0.01"), first.estimatedCost().amount().stripTrailingZeros());
        assertTrue(first.reason().contains("tier 1") && first.reason().contains("prefix 44"), first.reason());
    }

    @Test
    void costsMatchHandComputedExamplesForEachIncrementScheme() {
        // 61 s calls: 6/6 bills 66 s, 60/1 bills 61 s, 1/1 bills 61 s, 60/60 bills 120 s.
        RouteRanker ranker = ranker(61);
        List<CarrierOption> options = List.of(
                new CarrierOption(profile("six", 1, 1), CarrierStatus.UNKNOWN, quote("six", "0.0085", "0", 6, 6), false, true),
                new CarrierOption(profile("sixty-one", 1, 1), CarrierStatus.UNKNOWN, quote("sixty-one", "0.0495", "0", 60, 1),
                        false, true),
                new CarrierOption(profile("one", 1, 1), CarrierStatus.UNKNOWN, quote("one", "0.052", "0", 1, 1), false, true),
                new CarrierOption(profile("minute", 1, 1), CarrierStatus.UNKNOWN, quote("minute", "0.00314", "0.001", 60, 60),
                        false, true));
        RoutePlan plan = ranker.rank(RouteRequest.of("r", Service.VOICE, LONDON), options, TenantRules.NONE, NOW, 0);
        Map<String, String> expected = Map.of(
                "six", "0.00935",          // 0.0085 × 66 / 60
                "sixty-one", "0.050325",   // 0.0495 × 61 / 60
                "one", "0.052867",         // 0.052 × 61 / 60 = 0.0528666…, rounded to a micro-unit
                "minute", "0.00728");      // 0.001 + 0.00314 × 120 / 60
        for (RoutePlan.Candidate c : plan.candidates()) {
            assertEquals(new BigDecimal(expected.get(c.carrier())), c.estimatedCost().amount(), c.carrier());
        }
        assertEquals(List.of("minute", "six", "sixty-one", "one"), order(plan));
    }

    @Test
    void everyExclusionReasonIsReportedWithItsCause() {
        CarrierProfile smsOnly = new CarrierProfile("sms-only", 1, 1, true, Set.of(Service.SMS), 0, 0);
        List<CarrierOption> options = List.of(
                new CarrierOption(profile("no-deck", 1, 1), CarrierStatus.UNKNOWN, null, false, false),
                new CarrierOption(profile("no-rate", 1, 1), CarrierStatus.UNKNOWN, null, false, true),
                new CarrierOption(profile("closed", 1, 1), CarrierStatus.UNKNOWN, null, true, true),
                new CarrierOption(smsOnly, CarrierStatus.UNKNOWN, quote("sms-only", "0.01", "0", 1, 1), false, true),
                new CarrierOption(new CarrierProfile("off", 1, 1, false, Set.of(Service.VOICE), 0, 0), CarrierStatus.UNKNOWN,
                        quote("off", "0.01", "0", 1, 1), false, true),
                new CarrierOption(profile("open", 1, 1), new CarrierStatus(100, false, false, BreakerState.OPEN, 0, 0),
                        quote("open", "0.01", "0", 1, 1), false, true),
                new CarrierOption(profile("down", 1, 1), new CarrierStatus(20, true, false, BreakerState.CLOSED, 0, 0),
                        quote("down", "0.01", "0", 1, 1), false, true),
                new CarrierOption(profile("denied", 1, 1), CarrierStatus.UNKNOWN, quote("denied", "0.01", "0", 1, 1), false, true),
                new CarrierOption(profile("pricey", 1, 1), CarrierStatus.UNKNOWN, quote("pricey", "0.09", "0", 1, 1), false, true),
                new CarrierOption(new CarrierProfile("busy", 1, 1, true, Set.of(Service.VOICE), 5, 0),
                        new CarrierStatus(100, false, false, BreakerState.CLOSED, 5, 0), quote("busy", "0.01", "0", 1, 1), false, true),
                new CarrierOption(new CarrierProfile("full", 1, 1, true, Set.of(Service.VOICE), 0, 10),
                        new CarrierStatus(100, false, false, BreakerState.CLOSED, 0, 10), quote("full", "0.01", "0", 1, 1), false, true),
                new CarrierOption(profile("ok", 1, 1), CarrierStatus.UNKNOWN, quote("ok", "0.01", "0", 1, 1), false, true));
        TenantRules rules = new TenantRules(TenantRules.Policy.LCR, Set.of(), Set.of("denied"), null, new BigDecimal("0.05"),
                Map.of());
        RoutePlan plan = rank(options, rules);
        assertEquals(List.of("ok"), order(plan));
        Map<String, ExclusionReason> reasons = new java.util.HashMap<>();
        plan.excluded().forEach(e -> reasons.put(e.carrier(), e.reason()));
        assertEquals(Map.ofEntries(
                Map.entry("no-deck", ExclusionReason.NO_COVERAGE), Map.entry("no-rate", ExclusionReason.NO_COVERAGE),
                Map.entry("closed", ExclusionReason.NO_COVERAGE), Map.entry("sms-only", ExclusionReason.SERVICE_NOT_OFFERED),
                Map.entry("off", ExclusionReason.DISABLED), Map.entry("open", ExclusionReason.BREAKER_OPEN),
                Map.entry("down", ExclusionReason.HEALTH_DOWN), Map.entry("denied", ExclusionReason.TENANT_POLICY),
                Map.entry("pricey", ExclusionReason.TENANT_POLICY), Map.entry("busy", ExclusionReason.OVER_CPS),
                Map.entry("full", ExclusionReason.OVER_CONCURRENCY)), reasons);
        String pricey = plan.excluded().stream().filter(e -> e.carrier().equals("pricey")).findFirst().orElseThrow().detail();
        assertEquals("rate 0.09 USD above the maximum 0.05 USD", pricey);
        String closed = plan.excluded().stream().filter(e -> e.carrier().equals("closed")).findFirst().orElseThrow().detail();
        assertTrue(closed.contains("closed"), closed);
    }

    @Test
    void allowedListRestrictsAndRequestAvoidAndMaxRateApply() {
        List<CarrierOption> options = List.of(option("a", 1, "0.01"), option("b", 1, "0.02"), option("c", 1, "0.03"));
        TenantRules onlyAandB = new TenantRules(TenantRules.Policy.LCR, Set.of("a", "b"), Set.of(), null, null, Map.of());
        assertEquals(List.of("a", "b"), order(rank(options, onlyAandB)));
        RouteRequest avoidA = new RouteRequest("r", Service.VOICE, LONDON, null, null, null, Set.of("a"),
                new BigDecimal("0.025"));
        RoutePlan plan = ranker(60).rank(avoidA, options, TenantRules.NONE, NOW, 0);
        assertEquals(List.of("b"), order(plan));
    }

    @Test
    void aTestKeysRequestReachesOnlySandboxCarriers() {
        CarrierOption sandbox = new CarrierOption(new CarrierProfile("sandbox-twilio", 1, 100, true,
                Set.of(Service.VOICE), 0, 0, true), CarrierStatus.UNKNOWN, quote("sandbox-twilio", "0.02", "0", 60, 60),
                false, true);
        List<CarrierOption> options = List.of(option("live", 1, "0.01"), sandbox);
        RouteRequest live = RouteRequest.of("r", Service.VOICE, LONDON);
        assertEquals(List.of("live", "sandbox-twilio"), order(ranker(60).rank(live, options, TenantRules.NONE, NOW, 0)),
                "a live key's request reaches every carrier, cheapest first");

        RoutePlan plan = ranker(60).rank(live.withSandboxOnly(true), options, TenantRules.NONE, NOW, 0);
        assertEquals(List.of("sandbox-twilio"), order(plan));
        RoutePlan.ExcludedCandidate excluded = plan.excluded().get(0);
        assertEquals("live", excluded.carrier());
        assertEquals(ExclusionReason.TENANT_POLICY, excluded.reason());
        assertTrue(excluded.detail().contains("sk_test_"), excluded.detail());
    }

    @Test
    void staticRouteThenPreferredCarrierComeFirst() {
        List<CarrierOption> options = List.of(option("a", 1, "0.01"), option("b", 1, "0.02"), option("c", 2, "0.03"),
                option("d", 1, "0.04"));
        TenantRules rules = new TenantRules(TenantRules.Policy.LCR, Set.of(), Set.of(), "d", null,
                Map.of("4420", List.of("c"), "4", List.of("b")));
        assertEquals(List.of("c", "d", "a", "b"), order(rank(options, rules)));
    }

    @Test
    void preferredCarrierIsNotFirstWhileUnhealthy() {
        List<CarrierOption> options = List.of(option("a", 1, "0.01"),
                new CarrierOption(profile("p", 1, 1), new CarrierStatus(60, false, false, BreakerState.CLOSED, 0, 0),
                        quote("p", "0.05", "0", 60, 60), false, true));
        TenantRules rules = new TenantRules(TenantRules.Policy.LCR, Set.of(), Set.of(), "p", null, Map.of());
        assertEquals(List.of("a", "p"), order(rank(options, rules)));
    }

    @Test
    void foreignCurrencyIsConvertedOrRefused() {
        Quote eur = new Quote("eur", 1, "44", "UK", 10_000, 0, 60, 60, "EUR");      // 0.01 EUR = 0.011 USD
        Quote gbp = new Quote("gbp", 1, "44", "UK", 1_000, 0, 60, 60, "GBP");       // no GBP rate configured
        RoutePlan plan = rank(List.of(new CarrierOption(profile("eur", 1, 1), CarrierStatus.UNKNOWN, eur, false, true),
                new CarrierOption(profile("gbp", 1, 1), CarrierStatus.UNKNOWN, gbp, false, true),
                option("usd", 1, "0.0105")), TenantRules.NONE);
        assertEquals(List.of("usd", "eur"), order(plan));
        assertEquals(new BigDecimal("0.011"), plan.candidates().get(1).rate().amount());
        assertEquals(ExclusionReason.NO_COVERAGE, plan.excluded().get(0).reason());
        assertTrue(plan.excluded().get(0).detail().contains("GBP"));
    }

    @Test
    void weightedDrawFollowsWeightsWithinATier() {
        List<CarrierOption> options = List.of(
                new CarrierOption(profile("heavy", 1, 70), CarrierStatus.UNKNOWN, quote("heavy", "0.02", "0", 60, 60), false, true),
                new CarrierOption(profile("light", 1, 30), CarrierStatus.UNKNOWN, quote("light", "0.01", "0", 60, 60), false, true),
                new CarrierOption(profile("zero", 1, 0), CarrierStatus.UNKNOWN, quote("zero", "0.001", "0", 60, 60), false, true),
                new CarrierOption(profile("backup", 2, 100), CarrierStatus.UNKNOWN, quote("backup", "0.001", "0", 60, 60),
                        false, true));
        TenantRules weighted = new TenantRules(TenantRules.Policy.WEIGHTED, Set.of(), Set.of(), null, null, Map.of());
        RouteRanker ranker = ranker(60);
        int heavyFirst = 0;
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            List<String> order = order(ranker.rank(RouteRequest.of("r", Service.VOICE, LONDON), options, weighted, NOW, 0));
            assertEquals("zero", order.get(2), "zero weight comes after positive weights");
            assertEquals("backup", order.get(3), "tiers still come first");
            if (order.get(0).equals("heavy")) {
                heavyFirst++;
            }
        }
        double share = heavyFirst / (double) draws;
        assertTrue(Math.abs(share - 0.70) < 0.02, "heavy first in " + share + " of draws, expected 0.70");
    }

    @Test
    void anUnexplainedPlanHasTheSameOrderAndFiguresWithoutReasonText() {
        List<CarrierOption> options = List.of(option("b", 1, "0.02"), option("a", 1, "0.01"), option("c", 2, "0.001"));
        RoutePlan explained = rank(options, TenantRules.NONE);
        RoutePlan bare = ranker(60).rank(RouteRequest.of("r1", Service.VOICE, LONDON), options, TenantRules.NONE, NOW,
                System.nanoTime(), false);
        assertEquals(order(explained), order(bare));
        for (int i = 0; i < bare.candidates().size(); i++) {
            assertEquals("", bare.candidates().get(i).reason());
            assertTrue(!explained.candidates().get(i).reason().isEmpty());
            assertEquals(explained.candidates().get(i).estimatedCost(), bare.candidates().get(i).estimatedCost());
        }
    }

    @Test
    void smsCostIsTheRatePerMessage() {
        List<CarrierOption> options = new ArrayList<>(List.of(option("a", 1, "0.0075")));
        RoutePlan plan = ranker(60).rank(RouteRequest.of("r", Service.SMS, LONDON), options, TenantRules.NONE, NOW, 0);
        assertEquals(new BigDecimal("0.0075"), plan.candidates().get(0).estimatedCost().amount());
    }
}
