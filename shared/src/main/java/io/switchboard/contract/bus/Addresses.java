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

    /**
     * Request/reply: a health-monitor answers with a {@link DestinationHealthList}: each carrier's
     * health per destination group (country calling code). Body: none.
     */
    public static final String HEALTH_DESTINATIONS = PREFIX + "health.destinations";

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

    /**
     * Publish: a carrier adapter's circuit breaker changed state ({@link BreakerReport}); the
     * health-monitor folds it into the carrier's {@link CarrierStatusReport}.
     */
    public static final String CARRIER_BREAKER = PREFIX + "carrier.breaker";

    /**
     * Publish: the result of one active probe ({@link ProbeResult}): an API read of a REST carrier
     * by the active health-monitor, or a SIP OPTIONS of a trunk by the SIP edge. Every
     * health-monitor records it as an outcome of the carrier.
     */
    public static final String HEALTH_PROBES = PREFIX + "health.probes";

    /**
     * Request/reply: an http-api verticle answers with its own base URL as a string
     * ({@code http://127.0.0.1:8080}); carrier adapters use it for webhooks when
     * {@code webhooks.public-url} is not configured. Body: none.
     */
    public static final String HTTP_URL = PREFIX + "http.url";

    /**
     * Publish: a sandbox carrier's new behaviour, a JSON object {@code {"carrier": id, "behaviour": {...}}};
     * every node running that sandbox carrier applies it.
     */
    public static final String SANDBOX_BEHAVIOUR = PREFIX + "sandbox.behaviour";

    /**
     * Request/reply: a node with sandbox carriers answers with a JSON object mapping each carrier
     * id to its behaviour and base URL. Body: none.
     */
    public static final String SANDBOX_LIST = PREFIX + "sandbox.list";

    /**
     * Publish: the result of every SIP OPTIONS probe of a SIP trunk ({@link SipProbeReport}), from
     * each sip-edge's prober: alive or not, SIP code, latency in ms, and the trunk's up/down state
     * after the edge's hysteresis. For the health-monitor's active signals.
     */
    public static final String SIP_PROBES = PREFIX + "sip.probes";

    /**
     * Request/reply: a lifecycle (router role) places a call: {@link io.switchboard.contract.call.CallRequest}
     * in, {@link io.switchboard.contract.call.CallRecord} out (state {@code initiated}); a failure
     * carries a TEL code and the recorded call's {@code call_id} in its details.
     */
    public static final String CALLS_CREATE = PREFIX + "calls.create";

    /**
     * Request/reply: a lifecycle sends an SMS: {@link io.switchboard.contract.call.MessageRequest}
     * in, {@link io.switchboard.contract.call.CallRecord} out (state {@code sent}).
     */
    public static final String MESSAGES_SEND = PREFIX + "messages.send";

    /**
     * Request/reply: a live call or message of a tenant
     * ({@link io.switchboard.contract.call.CallLookup} in, {@link io.switchboard.contract.call.CallRecord}
     * out; TEL-013 when it is not live).
     */
    public static final String CALLS_GET = PREFIX + "calls.get";

    /**
     * Request/reply: hang up a live call ({@link io.switchboard.contract.call.CallLookup} in, the
     * {@link io.switchboard.contract.call.CallRecord} out once its carrier accepted the hang-up).
     */
    public static final String CALLS_HANGUP = PREFIX + "calls.hangup";

    /**
     * Publish: what carriers report about calls and messages, as tenant-less
     * {@link io.switchboard.contract.event.EventEnvelope}s with {@code data.call_id} or
     * {@code data.message_id} (carrier webhooks, the SIP edge's UAC dialogs). The call lifecycle
     * applies them to its live calls and publishes the tenant's events on {@link #EVENTS}.
     */
    public static final String CARRIER_EVENTS = PREFIX + "carrier.events";

    /**
     * Request/reply: a finished call or message ({@link io.switchboard.contract.call.CallRecord}) for
     * the cdr-writer, which replies (empty body) once the record is in its durable journal; it is
     * written to PostgreSQL from there in batches.
     */
    public static final String CDR_WRITE = PREFIX + "cdr.write";

    private Addresses() {
    }

    /**
     * Request/reply: hang up a call at its carrier ({@link io.switchboard.contract.call.HangupRequest}).
     *
     * @param carrier the carrier id
     * @return {@code switchboard.carrier.<id>.hangup}
     */
    public static String carrierHangup(String carrier) {
        return carrier(carrier) + ".hangup";
    }

    /**
     * Request/reply: the http-api hands a carrier's webhook ({@link WebhookDelivery}) to that
     * carrier's adapter, which verifies, maps and publishes it and replies with a
     * {@link WebhookAnswer}. No handler: the carrier is unknown here (404).
     *
     * @param carrier the carrier id of the webhook URL
     * @return {@code switchboard.carrier.<id>.webhook}
     */
    public static String carrierWebhook(String carrier) {
        return carrier(carrier) + ".webhook";
    }

    /**
     * Request/reply: the health-monitor asks a carrier adapter to probe its API with a cheap
     * authenticated read; the adapter replies with a {@link ProbeResult}. Body: none.
     *
     * @param carrier the carrier id
     * @return {@code switchboard.carrier.<id>.probe}
     */
    public static String carrierProbe(String carrier) {
        return carrier(carrier) + ".probe";
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

    /**
     * Published (String) when API keys or tenants change, so every node's key cache forgets them at
     * once: {@code prefix:<lookup prefix>} for a revoked or rotated key, {@code tenant:<id>} for a
     * tenant whose plan, limits or status changed.
     */
    public static final String AUTH_CHANGED = PREFIX + "auth.changed";

    /**
     * Published (String: the carrier id) after a carrier was created, changed or deleted through
     * the admin API and the change is committed in PostgreSQL: routers read the carrier directory
     * again, carrier-role nodes redeploy or undeploy the carrier's adapter, sip-edges reload the
     * trunk.
     */
    public static final String CARRIERS_CHANGED = PREFIX + "carriers.changed";

    /**
     * Published (String: the tenant id, or {@code *} for rules of every tenant) after routing rules
     * changed through the admin API: routers drop their cached rules so the next decision reads them.
     */
    public static final String ROUTING_RULES_CHANGED = PREFIX + "routing.rules.changed";
}
