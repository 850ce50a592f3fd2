package io.switchboard.router.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's routing rules ({@code routing_rules}), already merged for one service.
 *
 * @param policy {@code lcr} or {@code weighted}
 * @param allowed carriers the tenant may use; empty means all
 * @param denied carriers the tenant must never use
 * @param preferred a carrier put first while it is healthy, or null
 * @param maxRate the highest rate per minute (per message for SMS) the tenant accepts, in the
 *     base currency, or null for no cap
 * @param staticRoutes prefix → carriers to try first, in order, for numbers under that prefix
 *     (the longest matching prefix wins)
 */
public record TenantRules(Policy policy, Set<String> allowed, Set<String> denied, String preferred,
                          BigDecimal maxRate, Map<String, List<String>> staticRoutes) {

    /** The routing policies. */
    public enum Policy {
        /** Least-cost routing: estimated cost ascending, then health descending. */
        LCR,
        /** RFC 2782 weighted random draw within a tier. */
        WEIGHTED
    }

    /** No rules: LCR over every carrier. */
    public static final TenantRules NONE = new TenantRules(Policy.LCR, Set.of(), Set.of(), null, null, Map.of());

    /** Copies the collections. */
    public TenantRules {
        allowed = Set.copyOf(allowed);
        denied = Set.copyOf(denied);
        staticRoutes = Map.copyOf(staticRoutes);
    }

    /** @return the carriers of the static route with the longest prefix of {@code digits}, or none */
    public List<String> staticRouteFor(String digits) {
        List<String> best = List.of();
        int bestLength = -1;
        for (Map.Entry<String, List<String>> route : staticRoutes.entrySet()) {
            if (digits.startsWith(route.getKey()) && route.getKey().length() > bestLength) {
                best = route.getValue();
                bestLength = route.getKey().length();
            }
        }
        return best;
    }
}
