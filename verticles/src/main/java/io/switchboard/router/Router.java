package io.switchboard.router;

import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.router.index.RateTable;
import io.switchboard.router.policy.CarrierOption;
import io.switchboard.router.policy.CarrierProfile;
import io.switchboard.router.policy.CarrierStatus;
import java.util.function.LongSupplier;
import io.switchboard.router.policy.RouteRanker;
import io.switchboard.router.policy.TenantRules;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routing decision over the current {@link RoutingSnapshot}: longest-prefix match in every
 * carrier's deck, then {@link RouteRanker}. Decks and carriers are swapped in whole
 * ({@link #publish}, {@link #carriers}); decisions read whichever snapshot is current and never
 * wait. Thread-safe.
 */
public final class Router {

    private volatile RoutingSnapshot snapshot = RoutingSnapshot.EMPTY;
    private final RouteRanker ranker;
    private final LongSupplier clockMs;
    private final Map<String, LiveCarrier> live = new ConcurrentHashMap<>();

    /**
     * @param ranker the ranking policy
     * @param clockMs current time in ms, for the carriers' CPS counts
     */
    public Router(RouteRanker ranker, LongSupplier clockMs) {
        this.ranker = ranker;
        this.clockMs = clockMs;
    }

    private LiveCarrier live(String carrier) {
        return live.computeIfAbsent(carrier, c -> new LiveCarrier(clockMs));
    }

    /** Makes {@code table} its carrier's deck for its service; decisions see it from now on. */
    public synchronized void publish(RateTable table) {
        snapshot = snapshot.withTable(table);
    }

    /** Replaces the configured carriers. */
    public synchronized void carriers(Collection<CarrierProfile> profiles) {
        snapshot = snapshot.withCarriers(profiles, this::live);
    }

    /** Records a carrier's live condition (health, breaker, calls in progress). */
    public void status(String carrier, CarrierStatus status) {
        live(carrier).report(status);
    }

    /**
     * @param request the question
     * @param rules the tenant's rules for the request's service
     * @param now decision time
     * @return the plan
     */
    public RoutePlan plan(RouteRequest request, TenantRules rules, Instant now) {
        return plan(request, rules, now, true);
    }

    /**
     * @param explain whether candidates carry their reason text (see {@link RouteRanker#rank})
     * @see #plan(RouteRequest, TenantRules, Instant)
     */
    public RoutePlan plan(RouteRequest request, TenantRules rules, Instant now, boolean explain) {
        long started = System.nanoTime();
        List<CarrierOption> options = snapshot.options(request.service(), request.to().digits(), now.getEpochSecond());
        return ranker.rank(request, options, rules, now, started, explain);
    }

    /** Counts an attempt sent to a carrier (for its CPS limit). */
    public void sent(String carrier) {
        live(carrier).sent();
    }
}
