package io.switchboard.health;

import io.switchboard.contract.bus.DestinationHealthList;
import io.switchboard.contract.bus.DestinationHealthView;
import io.switchboard.health.core.CarrierHealthSnapshot;
import io.switchboard.health.core.CarrierHealthTracker;
import io.switchboard.health.core.HealthPolicy;
import io.switchboard.health.core.Outcome;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each carrier's health per destination group ({@link DestinationGroups}: the country calling
 * code of the prefix that priced the attempt), from the same passive outcomes and with the same
 * rules as the carrier-wide state, except that a group is never auto-disabled. These are signals
 * for operators (a carrier failing towards one country); routing uses the carrier-wide state.
 * Confined to the health-monitor's event loop.
 */
final class DestinationHealth {

    private final HealthPolicy policy;
    private final Map<String, CarrierHealthTracker> trackers = new TreeMap<>();

    /** @param carrierPolicy the carrier-wide policy; groups use it without auto-disable */
    DestinationHealth(HealthPolicy carrierPolicy) {
        this.policy = new HealthPolicy(carrierPolicy.windowMs(), carrierPolicy.downAfterConsecutiveFailures(),
                carrierPolicy.upAfterConsecutiveSuccesses(), carrierPolicy.failureRateDownPercent(),
                carrierPolicy.minimumSamples(), 0, 0);
    }

    /**
     * Records one attempt's outcome for its carrier and destination group; attempts without a
     * matched prefix, or whose prefix starts with no country code, are not grouped.
     */
    void record(String carrier, String matchedPrefix, long nowMs, Outcome outcome, long latencyMs) {
        String group = DestinationGroups.of(matchedPrefix);
        if (group != null) {
            trackers.computeIfAbsent(carrier + " " + group, k -> new CarrierHealthTracker(carrier, policy))
                    .record(nowMs, outcome, latencyMs, null, null);
        }
    }

    /** Re-evaluates every group (outcomes leave the window). */
    void evaluate(long nowMs) {
        trackers.values().forEach(t -> t.evaluate(nowMs));
    }

    /** @return every carrier × group, ordered by carrier then group */
    DestinationHealthList list(long nowMs) {
        return new DestinationHealthList(trackers.entrySet().stream().map(e -> {
            CarrierHealthSnapshot s = e.getValue().snapshot(nowMs);
            String group = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            return new DestinationHealthView(s.carrier(), group, s.state().wireName(), s.score(), s.asr(),
                    s.errorRatePercent(), s.samples(), s.consecutiveFailures(), s.reason());
        }).toList());
    }
}
