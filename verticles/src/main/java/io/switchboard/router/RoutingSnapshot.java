package io.switchboard.router;

import io.switchboard.contract.model.Service;
import io.switchboard.router.index.RateTable;
import io.switchboard.router.policy.CarrierOption;
import io.switchboard.router.policy.CarrierProfile;
import io.switchboard.router.policy.Quote;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An immutable view of everything a routing decision reads: the configured carriers and, per
 * service, each carrier's published {@link RateTable}. A router holds one in a volatile field and
 * replaces it whole when a deck is published or carriers change, so a lookup never pauses and
 * never sees half a deck.
 */
public final class RoutingSnapshot {

    /** A snapshot with no carriers and no decks. */
    public static final RoutingSnapshot EMPTY = new RoutingSnapshot(Map.of(), new LiveCarrier[0], Map.of());

    private final Map<String, CarrierProfile> carriers;
    private final CarrierProfile[] profiles;
    private final LiveCarrier[] live;
    private final Map<Service, Map<String, RateTable>> tables;
    private final Map<Service, RateTable[]> byPosition;

    private RoutingSnapshot(Map<String, CarrierProfile> carriers, LiveCarrier[] live,
                            Map<Service, Map<String, RateTable>> tables) {
        this.carriers = carriers;
        this.profiles = carriers.values().toArray(CarrierProfile[]::new);
        this.live = live;
        this.tables = tables;
        Map<Service, RateTable[]> positions = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Map<String, RateTable> byCarrier = tables.getOrDefault(service, Map.of());
            RateTable[] row = new RateTable[profiles.length];
            for (int i = 0; i < profiles.length; i++) {
                row[i] = byCarrier.get(profiles[i].id());
            }
            positions.put(service, row);
        }
        this.byPosition = positions;
    }

    /** @return a copy with {@code table} as its carrier's published deck for its service */
    public RoutingSnapshot withTable(RateTable table) {
        Map<Service, Map<String, RateTable>> copy = new EnumMap<>(Service.class);
        tables.forEach((service, byCarrier) -> copy.put(service, byCarrier));
        Map<String, RateTable> byCarrier = new LinkedHashMap<>(tables.getOrDefault(table.service(), Map.of()));
        byCarrier.put(table.carrierId(), table);
        copy.put(table.service(), Map.copyOf(byCarrier));
        return new RoutingSnapshot(carriers, live, Map.copyOf(copy));
    }

    /**
     * @param profiles the configured carriers, in the order decisions list them
     * @param liveState each carrier's live-state object (the same object across snapshots)
     * @return a copy with these carriers and the same decks
     */
    public RoutingSnapshot withCarriers(Collection<CarrierProfile> profiles, Function<String, LiveCarrier> liveState) {
        Map<String, CarrierProfile> byId = new LinkedHashMap<>();
        profiles.forEach(p -> byId.put(p.id(), p));
        LiveCarrier[] states = byId.keySet().stream().map(liveState).toArray(LiveCarrier[]::new);
        return new RoutingSnapshot(java.util.Collections.unmodifiableMap(byId), states, tables);
    }

    /**
     * Longest-prefix match of {@code digits} in every carrier's deck for the service.
     *
     * @param service the service
     * @param digits E.164 digits without {@code +}
     * @param epochSecond decision time: only rates effective then count
     * @return one option per configured carrier, in configuration order, with its live condition
     */
    public List<CarrierOption> options(Service service, String digits, long epochSecond) {
        RateTable[] tablesOfService = byPosition.get(service);
        List<CarrierOption> options = new ArrayList<>(profiles.length);
        for (int i = 0; i < profiles.length; i++) {
            CarrierProfile profile = profiles[i];
            RateTable table = tablesOfService[i];
            Quote quote = null;
            boolean closed = false;
            if (table != null) {
                long match = table.findMatch(digits, epochSecond);
                int row = RateTable.matchRow(match);
                if (row != RateTable.NO_ROW) {
                    closed = table.isClosed(row);
                    if (!closed) {
                        String prefix = digits.substring(0, RateTable.matchLength(match));
                        quote = new Quote(profile.id(), table.deckVersion(), prefix, table.destination(row),
                                table.rateMicros(row), table.connectFeeMicros(row), table.initialIncrement(row),
                                table.nextIncrement(row), table.currency().getCurrencyCode());
                    }
                }
            }
            options.add(new CarrierOption(profile, live[i].status(), quote, closed, table != null));
        }
        return options;
    }
}
