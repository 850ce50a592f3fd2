package io.switchboard.router.policy;

import io.switchboard.contract.model.Service;
import java.util.Set;

/**
 * What routing needs to know of a configured carrier ({@code carriers} row).
 *
 * @param id carrier id ({@code telnyx})
 * @param tier priority tier, lower first (as Twilio, Kamailio lcr and DNS SRV order)
 * @param weight RFC 2782 weight within the tier for the {@code weighted} policy (0 = last resort)
 * @param enabled whether an operator (or the auto-disable policy) left it enabled
 * @param services the services it offers
 * @param cpsLimit calls per second it accepts from this router, or 0 for no limit
 * @param maxConcurrent calls in progress it accepts, or 0 for no limit
 * @param sandbox whether it is a sandbox carrier (the only kind a {@code sk_test_} key reaches)
 */
public record CarrierProfile(String id, int tier, int weight, boolean enabled, Set<Service> services, int cpsLimit,
                             int maxConcurrent, boolean sandbox) {

    /** Copies {@code services}. */
    public CarrierProfile {
        services = Set.copyOf(services);
    }

    /** A carrier that is not a sandbox one; see the canonical constructor. */
    public CarrierProfile(String id, int tier, int weight, boolean enabled, Set<Service> services, int cpsLimit,
                          int maxConcurrent) {
        this(id, tier, weight, enabled, services, cpsLimit, maxConcurrent, false);
    }
}
