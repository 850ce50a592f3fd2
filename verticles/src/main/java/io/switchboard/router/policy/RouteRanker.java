package io.switchboard.router.policy;

import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.ExclusionReason;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import io.switchboard.router.index.CostCalculator;
import io.switchboard.router.index.Micros;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Decides a {@link RoutePlan}: which carriers may carry a request, in which order, and why.
 *
 * <p><b>Exclusion</b>, checked in this order for each carrier (the first that applies is the
 * excluded candidate's reason):
 * <ol>
 *   <li>no published deck for the service, or no effective rate for the destination
 *       ({@code NO_COVERAGE}; a "Closed" code says so in the detail);</li>
 *   <li>the carrier does not offer the service ({@code SERVICE_NOT_OFFERED});</li>
 *   <li>disabled by configuration, an operator or the auto-disable policy ({@code DISABLED});</li>
 *   <li>circuit breaker open ({@code BREAKER_OPEN}; half-open carriers stay, flagged);</li>
 *   <li>health state down ({@code HEALTH_DOWN});</li>
 *   <li>tenant policy: a request made with a test key ({@code sk_test_}) and a carrier that is not
 *       a sandbox one, not in the tenant's allowed list, in its denied list or the request's
 *       avoid list, or its rate above the tenant's or the request's maximum
 *       ({@code TENANT_POLICY});</li>
 *   <li>at its calls-per-second limit ({@code OVER_CPS}) or its concurrent-call limit
 *       ({@code OVER_CONCURRENCY}).</li>
 * </ol>
 *
 * <p><b>Order</b> of the remaining candidates, each rule breaking the ties of the one before:
 * <ol>
 *   <li>carriers of the tenant's static route for the longest matching prefix, in the route's order;</li>
 *   <li>the preferred carrier (the request's, else the tenant's) while it is healthy (score ≥ 80);</li>
 *   <li>priority tier, lower first;</li>
 *   <li>policy within the tier: {@code lcr} by estimated cost of a call of the reference
 *       duration (SMS: one message) in the base currency, then health score (higher first), then
 *       carrier id; {@code weighted} by an RFC 2782 weighted random draw (page 3, "Weight": each
 *       remaining carrier is drawn next with probability weight / Σweights; a zero weight
 *       is drawn only after every positive one, as the RFC's running-sum draw selects it only
 *       when the random number is 0).</li>
 * </ol>
 *
 * <p>Cost is {@code connect_fee + rate × billed_seconds / 60}, billed seconds rounded up to the
 * initial increment and then to the next increments ({@link BillingIncrement#billedSeconds}).
 * Candidates are compared on the exact value; the plan shows it rounded once, HALF_UP, to a
 * micro-unit (10⁻⁶), as {@link CostCalculator} rounds.
 * Quotes in another currency are converted with the exchange rates given at construction; a
 * quote whose currency has none is excluded ({@code NO_COVERAGE}, detail names the currency).
 *
 * <p>Not thread-safe only in its random generator: give each thread its own ranker, or a
 * thread-safe generator.
 */
public final class RouteRanker {

    private final long referenceDurationS;
    private final Currency baseCurrency;
    private final Map<String, BigDecimal> exchangeRates;
    private final RandomGenerator random;
    private final Money zero;

    /**
     * @param referenceDurationS call length the estimated cost is computed for, seconds
     * @param baseCurrency currency costs are compared and reported in
     * @param exchangeRates units of base currency per unit of another currency ({@code EUR → 1.08})
     * @param random source of the weighted draw
     */
    public RouteRanker(long referenceDurationS, Currency baseCurrency, Map<String, BigDecimal> exchangeRates,
                       RandomGenerator random) {
        this.referenceDurationS = referenceDurationS;
        this.baseCurrency = baseCurrency;
        this.exchangeRates = Map.copyOf(exchangeRates);
        this.random = random;
        this.zero = Money.of(Micros.toPlainDecimal(0), baseCurrency);
    }

    private record Eligible(CarrierOption option, long rateBase, long feeBase, long costTimes60, int staticRank,
                            boolean preferred, double drawKey) {
    }

    /**
     * @param request the question
     * @param options one entry per configured carrier
     * @param rules the tenant's rules for the service ({@link TenantRules#NONE} for none)
     * @param now decision time (also stamped on the plan)
     * @param startedNanos {@link System#nanoTime()} when the decision began, for the plan's duration
     * @return the plan: ordered candidates and excluded carriers, each with a reason
     */
    public RoutePlan rank(RouteRequest request, List<CarrierOption> options, TenantRules rules, Instant now,
                          long startedNanos) {
        return rank(request, options, rules, now, startedNanos, true);
    }

    /**
     * @param explain whether to write each candidate's reason text; a plan decided only to be
     *     followed (the failover loop) skips it and carries an empty reason, its structured fields
     *     (tier, matched prefix, rate, estimated cost, health, breaker) saying the same
     * @see #rank(RouteRequest, List, TenantRules, Instant, long)
     */
    public RoutePlan rank(RouteRequest request, List<CarrierOption> options, TenantRules rules, Instant now,
                          long startedNanos, boolean explain) {
        String digits = request.to().digits();
        List<String> staticRoute = rules.staticRouteFor(digits);
        String preferred = request.preferredCarrier() != null ? request.preferredCarrier() : rules.preferred();
        BigDecimal maxRate = min(rules.maxRate(), request.maxRate());
        long maxRateMicros = maxRate == null ? Long.MAX_VALUE : micros(maxRate);

        List<Eligible> eligible = new ArrayList<>(options.size());
        List<RoutePlan.ExcludedCandidate> excluded = new ArrayList<>();
        for (CarrierOption option : options) {
            String carrier = option.profile().id();
            Exclusion why = exclusion(request, option, rules, maxRateMicros);
            if (why != null) {
                excluded.add(new RoutePlan.ExcludedCandidate(carrier, why.reason(), why.detail()));
                continue;
            }
            long rateBase = toBase(option.quote().rateMicros(), option.quote().currency());
            long feeBase = toBase(option.quote().connectFeeMicros(), option.quote().currency());
            long costTimes60 = costTimes60(request.service(), option.quote(), rateBase, feeBase);
            int staticRank = staticRoute.indexOf(carrier);
            boolean isPreferred = carrier.equals(preferred) && option.status().healthy();
            double drawKey = rules.policy() == TenantRules.Policy.WEIGHTED ? drawKey(option.profile().weight()) : 0;
            eligible.add(new Eligible(option, rateBase, feeBase, costTimes60, staticRank < 0 ? Integer.MAX_VALUE : staticRank,
                    isPreferred, drawKey));
        }
        eligible.sort(order(rules.policy()));

        List<RoutePlan.Candidate> candidates = new ArrayList<>(eligible.size());
        for (Eligible e : eligible) {
            candidates.add(candidate(e, rules.policy(), explain));
        }
        long micros = (System.nanoTime() - startedNanos) / 1_000;
        return new RoutePlan(request.requestId(), request.service(), request.to(), candidates, excluded, now, micros);
    }

    private record Exclusion(ExclusionReason reason, String detail) {
    }

    private Exclusion exclusion(RouteRequest request, CarrierOption option, TenantRules rules, long maxRateMicros) {
        CarrierProfile profile = option.profile();
        CarrierStatus status = option.status();
        String carrier = profile.id();
        if (!option.hasDeck()) {
            return new Exclusion(ExclusionReason.NO_COVERAGE, "no published " + request.service().wireName() + " deck");
        }
        if (option.closed()) {
            return new Exclusion(ExclusionReason.NO_COVERAGE, "code closed by the carrier's deck");
        }
        if (option.quote() == null) {
            return new Exclusion(ExclusionReason.NO_COVERAGE, "no effective rate for +" + request.to().digits());
        }
        if (!option.quote().currency().equals(baseCurrency.getCurrencyCode())
                && !exchangeRates.containsKey(option.quote().currency())) {
            return new Exclusion(ExclusionReason.NO_COVERAGE, "deck in " + option.quote().currency()
                    + " and no exchange rate to " + baseCurrency.getCurrencyCode());
        }
        if (!profile.services().contains(request.service())) {
            return new Exclusion(ExclusionReason.SERVICE_NOT_OFFERED, "offers " + profile.services());
        }
        if (!profile.enabled() || status.disabled()) {
            return new Exclusion(ExclusionReason.DISABLED, "disabled");
        }
        if (status.breaker() == io.switchboard.contract.model.BreakerState.OPEN) {
            return new Exclusion(ExclusionReason.BREAKER_OPEN, "circuit breaker open");
        }
        if (status.down()) {
            return new Exclusion(ExclusionReason.HEALTH_DOWN, "health down (score " + status.healthScore() + ")");
        }
        if (request.sandboxOnly() && !profile.sandbox()) {
            return new Exclusion(ExclusionReason.TENANT_POLICY, "a test key (sk_test_) reaches only sandbox carriers");
        }
        if (!rules.allowed().isEmpty() && !rules.allowed().contains(carrier)) {
            return new Exclusion(ExclusionReason.TENANT_POLICY, "not in the tenant's allowed carriers");
        }
        if (rules.denied().contains(carrier)) {
            return new Exclusion(ExclusionReason.TENANT_POLICY, "denied by the tenant");
        }
        if (request.avoid().contains(carrier)) {
            return new Exclusion(ExclusionReason.TENANT_POLICY, "avoided by the request");
        }
        long rateBase = toBase(option.quote().rateMicros(), option.quote().currency());
        if (rateBase > maxRateMicros) {
            return new Exclusion(ExclusionReason.TENANT_POLICY, "rate " + money(rateBase) + " above the maximum "
                    + money(maxRateMicros));
        }
        if (profile.cpsLimit() > 0 && status.callsLastSecond() >= profile.cpsLimit()) {
            return new Exclusion(ExclusionReason.OVER_CPS, status.callsLastSecond() + " calls in the last second, limit "
                    + profile.cpsLimit());
        }
        if (profile.maxConcurrent() > 0 && status.callsInProgress() >= profile.maxConcurrent()) {
            return new Exclusion(ExclusionReason.OVER_CONCURRENCY, status.callsInProgress() + " calls in progress, limit "
                    + profile.maxConcurrent());
        }
        return null;
    }

    /** The order of the class comment, as one comparison without boxing. */
    private static Comparator<Eligible> order(TenantRules.Policy policy) {
        boolean weighted = policy == TenantRules.Policy.WEIGHTED;
        return (a, b) -> {
            int c = Integer.compare(a.staticRank(), b.staticRank());
            if (c == 0) {
                c = Boolean.compare(b.preferred(), a.preferred());
            }
            if (c == 0) {
                c = Integer.compare(a.option().profile().tier(), b.option().profile().tier());
            }
            if (c == 0) {
                c = weighted ? Double.compare(a.drawKey(), b.drawKey()) : Long.compare(a.costTimes60(), b.costTimes60());
            }
            if (c == 0 && !weighted) {
                c = Integer.compare(b.option().status().healthScore(), a.option().status().healthScore());
            }
            return c != 0 ? c : a.option().profile().id().compareTo(b.option().profile().id());
        };
    }

    /**
     * RFC 2782's weighted selection, done as a sort: sorting by {@code -ln(u) / weight} with
     * {@code u} uniform in (0,1] picks each entry first with probability weight / Σweights, and
     * repeats that among the rest (the exponential-clock form of the RFC's running-sum draw).
     * Zero weights sort after every positive weight, in random order among themselves.
     */
    private double drawKey(int weight) {
        double u = 1.0 - random.nextDouble();
        double clock = -Math.log(u);
        return weight > 0 ? clock / weight : 1e12 + clock;
    }

    private long costTimes60(Service service, Quote quote, long rateBase, long feeBase) {
        if (service != Service.VOICE) {
            return Math.multiplyExact(rateBase, 60);
        }
        // a `new` that does not escape is scalar-replaced by the JIT; a shared instance measured slower here
        long billed = new BillingIncrement(quote.initialIncrement(), quote.nextIncrement()).billedSeconds(referenceDurationS);
        return Math.addExact(Math.multiplyExact(feeBase, 60), Math.multiplyExact(rateBase, billed));
    }

    private RoutePlan.Candidate candidate(Eligible e, TenantRules.Policy policy, boolean explain) {
        Quote quote = e.option().quote();
        CarrierStatus status = e.option().status();
        // one Money per distinct amount: a 60 s call usually costs exactly its per-minute rate
        Money rate = money(e.rateBase());
        long costMicros = roundedCostMicros(e.costTimes60());
        Money cost = costMicros == e.rateBase() ? rate : money(costMicros);
        Money fee = money(e.feeBase());
        String reason = explain ? reason(e, policy, quote, status) : "";
        return new RoutePlan.Candidate(quote.carrier(), e.option().profile().tier(), quote.matchedPrefix(), rate, cost,
                status.healthScore(), status.breaker(), quote.deckVersion(), reason, fee,
                BillingIncrement.of(quote.initialIncrement(), quote.nextIncrement()));
    }

    private String reason(Eligible e, TenantRules.Policy policy, Quote quote, CarrierStatus status) {
        StringBuilder reason = new StringBuilder(160);
        if (e.staticRank() != Integer.MAX_VALUE) {
            reason.append("static route #").append(e.staticRank() + 1).append("; ");
        }
        if (e.preferred()) {
            reason.append("preferred carrier; ");
        }
        reason.append("tier ").append(e.option().profile().tier()).append("; ");
        if (policy == TenantRules.Policy.WEIGHTED) {
            reason.append("weighted draw (weight ").append(e.option().profile().weight()).append(")");
        } else {
            reason.append("cost ").append(Micros.format(roundedCostMicros(e.costTimes60()))).append(' ')
                    .append(baseCurrency.getCurrencyCode()).append(" for ").append(referenceDurationS).append(" s at ")
                    .append(Micros.format(e.rateBase()))
                    .append("/min, ").append(quote.initialIncrement()).append('/').append(quote.nextIncrement());
        }
        reason.append("; prefix ").append(quote.matchedPrefix()).append(" (").append(quote.destination()).append(')');
        if (status.breaker() == io.switchboard.contract.model.BreakerState.HALF_OPEN) {
            reason.append("; breaker half-open (probe)");
        }
        return reason.toString();
    }

    /**
     * The estimated cost in micro-units, rounded once HALF_UP as {@link CostCalculator} does:
     * {@code (fee × 60 + rate × billed seconds) / 60}.
     */
    private static long roundedCostMicros(long costTimes60) {
        return (costTimes60 + 30) / 60;
    }

    private long toBase(long micros, String currency) {
        if (currency.equals(baseCurrency.getCurrencyCode())) {
            return micros;
        }
        return BigDecimal.valueOf(micros).multiply(exchangeRates.get(currency)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** Money is immutable, so every plan shares one zero (most connect fees). */
    private Money money(long micros) {
        return micros == 0 ? zero : Money.of(Micros.toPlainDecimal(micros), baseCurrency);
    }

    private static long micros(BigDecimal amount) {
        return amount.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal min(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.min(b);
    }
}
