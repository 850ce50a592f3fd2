package io.switchboard.contract.bus;

/**
 * Every event-bus address Switchboard listens on or publishes to, in one place.
 *
 * <p>Request/reply addresses take a message record of this package and reply with one; publish
 * addresses carry {@link io.switchboard.contract.event.EventEnvelope}s. A service in another JVM
 * joins the Hazelcast cluster, registers the codecs with {@link Codecs#registerAll} and uses
 * these constants.
 */
public final class Addresses {

    /** Prefix of every Switchboard address. */
    public static final String PREFIX = "switchboard.";

    /**
     * Request/reply, point-to-point: any node answers with its {@link NodeStatus}. Body: none
     * (empty). Every node registers it, whatever its roles.
     */
    public static final String NODE_STATUS = PREFIX + "node.status";

    /**
     * Request/reply: a router answers a {@link RouteRequest} with a
     * {@link io.switchboard.contract.model.RoutePlan} (the decision only, nothing is attempted).
     * Fails with a {@link io.switchboard.contract.error.ErrorCode} failure code on bad input.
     */
    public static final String ROUTER_PLAN = PREFIX + "router.plan";

    /**
     * Request/reply: a router decides a plan for a {@link RouteRequest} and runs the failover
     * loop over its candidates' carrier addresses; replies with a {@link RouteResult}.
     */
    public static final String ROUTER_ROUTE = PREFIX + "router.route";

    /**
     * Publish: a carrier's health, breaker and load ({@link CarrierStatusReport}), from the
     * health-monitor and carrier adapters; routers keep the latest per carrier.
     */
    public static final String CARRIER_STATUS = PREFIX + "carrier.status";

    /**
     * Publish: every attempt a router made ({@link io.switchboard.contract.model.Attempt}), success
     * or failure, for the health-monitor's passive signals.
     */
    public static final String CARRIER_OUTCOMES = PREFIX + "carrier.outcomes";

    /** Request/reply: the health-monitor answers with a {@link HealthList}. Body: none. */
    public static final String HEALTH_LIST = PREFIX + "health.list";

    /** Request/reply: disable a carrier ({@link HealthCommand}); replies {@link CarrierHealthView}. */
    public static final String HEALTH_DISABLE = PREFIX + "health.disable";

    /** Request/reply: enable a carrier ({@link HealthCommand}); replies {@link CarrierHealthView}. */
    public static final String HEALTH_ENABLE = PREFIX + "health.enable";

    /** Publish: a rate-deck version was published ({@link DeckPublished}); routers reload it. */
    public static final String DECKS_PUBLISHED = PREFIX + "decks.published";

    /**
     * Publish: every normalized event ({@link io.switchboard.contract.event.EventEnvelope}),
     * e.g. {@code call.attempt.failed}, for the cdr-writer and the event streams.
     */
    public static final String EVENTS = PREFIX + "events";

    private Addresses() {
    }

    /**
     * Request/reply, point-to-point: a verticle of the role answers with its {@link RoleStatus}.
     * With several nodes hosting the role, the event bus spreads requests over them round-robin.
     * Body: none (empty).
     *
     * @param role a role of the cluster
     * @return the address, e.g. {@code switchboard.role.router.status}
     */
    public static String roleStatus(Role role) {
        return PREFIX + "role." + role.id() + ".status";
    }

    /**
     * @param carrier a carrier id as configured ({@code twilio}, {@code wholesale-a})
     * @return the address of that carrier's adapter verticle, {@code switchboard.carrier.<id>}
     */
    public static String carrier(String carrier) {
        return PREFIX + "carrier." + carrier;
    }
}
