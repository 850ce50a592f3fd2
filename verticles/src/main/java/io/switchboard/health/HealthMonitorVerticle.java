package io.switchboard.health;

import io.micrometer.core.instrument.Gauge;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.bus.CarrierHealthView;
import io.switchboard.contract.bus.CarrierStatusReport;
import io.switchboard.contract.bus.HealthCommand;
import io.switchboard.contract.bus.HealthList;
import io.switchboard.contract.bus.Role;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.contract.model.Attempt;
import io.switchboard.cluster.Leadership;
import io.switchboard.contract.bus.ProbeResult;
import io.switchboard.contract.model.BreakerState;
import io.switchboard.health.core.Outcome;
import io.switchboard.health.core.CarrierHealthSnapshot;
import io.switchboard.health.core.CarrierHealthTracker;
import io.switchboard.health.core.HealthPolicy;
import io.switchboard.health.core.HealthState;
import io.switchboard.health.core.Transition;
import io.switchboard.node.NodeContext;
import io.switchboard.roles.RoleVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code health-monitor} role, passive signals: every attempt the routers make
 * ({@link Addresses#CARRIER_OUTCOMES}) feeds its carrier's {@link CarrierHealthTracker} (sliding
 * window, score, states with hysteresis, auto-disable). Each state change is stored
 * ({@link HealthStore}: {@code carrier_health} and {@code carrier_health_log}), published as a
 * {@code carrier.health.changed} event with its reason, and as a {@link CarrierStatusReport} that
 * every router applies at once; all states are re-evaluated and republished every
 * {@code health.publish-interval-ms}. Stored states are restored at start, and every configured
 * carrier is tracked (healthy until its outcomes say otherwise) even before it carries traffic. Operators list,
 * disable and enable carriers through {@link Addresses#HEALTH_LIST}, {@link Addresses#HEALTH_DISABLE}
 * and {@link Addresses#HEALTH_ENABLE}. Gauges {@code switchboard_carrier_health_score} and
 * {@code switchboard_carrier_health_state} (0 healthy, 1 degraded, 2 down, 3 disabled) per carrier,
 * and {@code switchboard_service_usable_carriers} per service (healthy or degraded carriers offering
 * it; 0 fires the "no healthy carrier" alert).
 *
 * <p>Several health-monitors may run in a cluster: all of them track every carrier from the
 * published outcomes and operator commands, and the active one ({@link Leadership}: the oldest
 * live member among them) alone stores changes and publishes status and events; when it dies the
 * next takes over warm. Circuit-breaker states come from the carrier adapters
 * ({@link Addresses#CARRIER_BREAKER}); each change is republished at once in the carrier's status
 * and as a {@code carrier.health.changed} event. Active probes: the active monitor asks every
 * carrier's adapter for an API read each {@code health.probe-interval-ms} and publishes the
 * results on {@link Addresses#HEALTH_PROBES}, where the SIP edge publishes its OPTIONS results too;
 * every monitor records them as outcomes, so a down carrier comes back without traffic and an
 * auto-disabled one after {@code health.reenable-after-probe-successes} successful probes.
 */
public final class HealthMonitorVerticle extends RoleVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitorVerticle.class);

    private final NodeContext node;
    private final Map<String, CarrierHealthTracker> trackers = new ConcurrentHashMap<>();
    /** Each carrier's circuit-breaker state, as its adapter last reported it. */
    private final Map<String, BreakerState> breakers = new ConcurrentHashMap<>();
    /** The services each configured carrier offers, for the usable-carriers gauge. */
    private final Map<String, java.util.Set<io.switchboard.contract.model.Service>> services = new ConcurrentHashMap<>();
    /** SIP trunks: carriers whose probes come from the sip-edge's OPTIONS. */
    private final java.util.Set<String> sipTrunks = ConcurrentHashMap.newKeySet();
    /** Each carrier's last active probe. */
    private final Map<String, ProbeResult> lastProbes = new ConcurrentHashMap<>();
    private HealthPolicy policy;
    private HealthStore store;
    private DestinationHealth destinations;
    private Leadership leadership;

    /** Cluster map of the registered health-monitors (member id → node id), for {@link Leadership}. */
    static final String MONITORS = "switchboard.health.monitors";

    /** Internal publish address: operator commands, applied by every health-monitor. */
    static final String COMMANDS = Addresses.PREFIX + "health.commands";

    /** @param node the node's shared services */
    public HealthMonitorVerticle(NodeContext node) {
        super(Role.HEALTH_MONITOR, node.nodeId());
        this.node = node;
    }

    @Override
    public Future<?> start() {
        SwitchboardConfig.Health settings = node.config().health();
        policy = new HealthPolicy(settings.windowMs(), settings.downAfterFailures(), settings.upAfterSuccesses(),
                settings.failureRateDownPercent(), settings.minimumSamples(), settings.autoDisableAfterFailures(),
                settings.reenableAfterProbeSuccesses());
        store = new HealthStore(node.pool());
        destinations = new DestinationHealth(policy);
        for (io.switchboard.contract.model.Service service : io.switchboard.contract.model.Service.values()) {
            Gauge.builder("switchboard_service_usable_carriers", this, m -> m.usableCarriers(service))
                    .tag("service", service.wireName())
                    .description("carriers offering the service that are healthy or degraded (not down or disabled)")
                    .register(node.registry());
        }
        leadership = new Leadership(MONITORS, vertx, node.cluster(), node.nodeId());
        return super.start()
                .compose(v -> store.loadAll())
                .map(this::restore)
                .compose(v -> trackConfiguredCarriers())
                .compose(v -> leadership.join())
                .compose(v -> Future.all(List.of(
                        vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(COMMANDS, this::peerCommand).completion(),
                        vertx.eventBus().<Attempt>consumer(Addresses.CARRIER_OUTCOMES, this::outcome).completion(),
                        vertx.eventBus().<ProbeResult>consumer(Addresses.HEALTH_PROBES, this::probed).completion(),
                        vertx.eventBus().<EventEnvelope>consumer(Addresses.CARRIER_EVENTS, this::callEnded).completion(),
                        vertx.eventBus().<io.switchboard.contract.bus.SipProbeReport>consumer(Addresses.SIP_PROBES,
                                this::sipProbed).completion(),
                        vertx.eventBus().<io.switchboard.contract.bus.BreakerReport>consumer(Addresses.CARRIER_BREAKER,
                                m -> breakerChanged(m.body())).completion(),
                        vertx.eventBus().consumer(Addresses.DECKS_PUBLISHED, m -> trackConfiguredCarriers()).completion(),
                        vertx.eventBus().consumer(Addresses.CARRIERS_CHANGED, m -> trackConfiguredCarriers()).completion(),
                        vertx.eventBus().consumer(Addresses.HEALTH_LIST, this::list).completion(),
                        vertx.eventBus().consumer(Addresses.HEALTH_DESTINATIONS,
                                m -> m.reply(destinations.list(System.currentTimeMillis()))).completion(),
                        vertx.eventBus().<HealthCommand>consumer(Addresses.HEALTH_DISABLE, m -> command(m, true)).completion(),
                        vertx.eventBus().<HealthCommand>consumer(Addresses.HEALTH_ENABLE, m -> command(m, false)).completion())))
                .onSuccess(v -> {
                    vertx.setPeriodic(settings.publishIntervalMs(), id -> leadership.refresh().onComplete(x -> tick()));
                    vertx.setPeriodic(CARRIER_REFRESH_MS, id -> trackConfiguredCarriers());
                    if (settings.probeIntervalMs() > 0) {
                        vertx.setPeriodic(settings.probeIntervalMs(), id -> probeAll(settings.probeTimeoutMs()));
                    }
                });
    }

    /**
     * How often the configured carriers are read again (besides on every deck publication, when
     * new carriers appear), so a new carrier is listed before any traffic, ms.
     */
    static final long CARRIER_REFRESH_MS = 10_000;

    private Future<Void> trackConfiguredCarriers() {
        return new io.switchboard.router.store.CarrierDirectory(node.pool()).load()
                .map(profiles -> {
                    profiles.forEach(p -> {
                        tracker(p.id());
                        services.put(p.id(), java.util.Set.copyOf(p.services()));
                    });
                    return (Void) null;
                })
                .otherwise(error -> {
                    LOG.warn("health-monitor: cannot read the configured carriers: {}", error.getMessage());
                    return null;
                });
    }

    @Override
    public Future<?> stop() {
        return leadership.leave().transform(x -> super.stop());
    }

    private Void restore(List<HealthStore.Stored> stored) {
        for (HealthStore.Stored s : stored) {
            tracker(s.carrier()).restore(HealthState.fromWire(s.state()), s.reason(), s.updatedAt().toEpochMilli(),
                    null);
            publishStatus(s.carrier(), System.currentTimeMillis());
        }
        if (!stored.isEmpty()) {
            LOG.info("health-monitor: restored {} carrier states", stored.size());
        }
        return null;
    }

    /**
     * What the gauges read: written on this verticle's event loop at every tick and change, read
     * by the scrape on another thread (a tracker itself is confined to this loop).
     */
    private static final class Exported {
        volatile int score = 100;
        volatile int state;
    }

    private final Map<String, Exported> exported = new ConcurrentHashMap<>();

    private CarrierHealthTracker tracker(String carrier) {
        return trackers.computeIfAbsent(carrier, c -> {
            Exported values = new Exported();
            exported.put(c, values);
            Gauge.builder("switchboard_carrier_health_score", values, v -> v.score)
                    .tag("carrier", c).description("health score 0-100").register(node.registry());
            Gauge.builder("switchboard_carrier_health_state", values, v -> v.state)
                    .tag("carrier", c).description("0 healthy, 1 degraded, 2 down, 3 disabled").register(node.registry());
            return new CarrierHealthTracker(c, policy);
        });
    }

    private void export(CarrierHealthTracker tracker, long now) {
        Exported values = exported.get(tracker.carrier());
        values.score = tracker.score(now);
        values.state = tracker.state().ordinal();
    }

    private void outcome(Message<Attempt> message) {
        Attempt attempt = message.body();
        OutcomeMapping.of(attempt).ifPresent(outcome -> {
            long now = System.currentTimeMillis();
            long latency = attempt.endedAt() == null ? 0
                    : Math.max(0, attempt.endedAt().toEpochMilli() - attempt.startedAt().toEpochMilli());
            tracker(attempt.carrier()).record(now, outcome, latency, attempt.pddMs(), null)
                    .ifPresent(t -> changed(t, "system"));
            destinations.record(attempt.carrier(), attempt.matchedPrefix(), now, outcome, latency);
        });
    }

    /**
     * The active monitor alone probes (one prober per carrier in the cluster; when it dies the next
     * monitor takes over with the leadership): each carrier's adapter reads the carrier's API and
     * the result is published for every monitor. Carriers without an adapter here (SIP trunks,
     * whose OPTIONS come from the SIP edge) are skipped.
     */
    private void probeAll(long timeoutMs) {
        if (!leadership.isLeader()) {
            return;
        }
        for (String carrier : List.copyOf(trackers.keySet())) {
            if (sipTrunks.contains(carrier)) {
                continue; // probed with OPTIONS by the sip-edge
            }
            vertx.eventBus().<ProbeResult>request(Addresses.carrierProbe(carrier), null,
                            new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(timeoutMs))
                    .onSuccess(reply -> vertx.eventBus().publish(Addresses.HEALTH_PROBES, reply.body()))
                    .onFailure(error -> {
                        if (error instanceof io.vertx.core.eventbus.ReplyException e
                                && e.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT) {
                            vertx.eventBus().publish(Addresses.HEALTH_PROBES, new ProbeResult(carrier, false, timeoutMs, 0,
                                    "no answer within " + timeoutMs + " ms", Instant.now()));
                        }
                    });
        }
    }

    /**
     * A SIP trunk's OPTIONS, probed by the active sip-edge: recorded like an API probe, and the
     * trunk is left out of this monitor's own probes from then on (one prober per trunk).
     */
    private void sipProbed(Message<io.switchboard.contract.bus.SipProbeReport> message) {
        var report = message.body();
        sipTrunks.add(report.carrier());
        record(new ProbeResult(report.carrier(), report.alive(), report.latencyMs() == null ? 0 : report.latencyMs(),
                report.sipCode() == null ? 0 : report.sipCode(),
                report.alive() ? "OPTIONS " + report.sipCode() : "OPTIONS " + report.error(), report.probedAt()));
    }

    /**
     * ACD: a {@code call.completed} event names its carrier and the call's duration
     * ({@code duration_s} from the carrier adapters, {@code duration_ms} from the SIP edge).
     */
    private void callEnded(Message<EventEnvelope> message) {
        EventEnvelope event = message.body();
        if (!EventTypes.CALL_COMPLETED.equals(event.type()) || event.data() == null) {
            return;
        }
        var data = event.data();
        String carrier = data.path("carrier").asText(null);
        long seconds = data.hasNonNull("duration_s") ? data.get("duration_s").asLong(-1)
                : data.hasNonNull("duration_ms") ? data.get("duration_ms").asLong(-1000) / 1000 : -1;
        if (carrier != null && seconds >= 0 && trackers.containsKey(carrier)) {
            trackers.get(carrier).recordCallDuration(System.currentTimeMillis(), seconds);
        }
    }

    private void probed(Message<ProbeResult> message) {
        record(message.body());
    }

    private void record(ProbeResult probe) {
        lastProbes.put(probe.carrier(), probe);
        Outcome outcome = probe.alive() ? Outcome.SUCCESS : Outcome.FAILURE;
        tracker(probe.carrier()).record(System.currentTimeMillis(), outcome, probe.latencyMs(), null, null)
                .ifPresent(t -> changed(t, "system"));
    }

    private void tick() {
        long now = System.currentTimeMillis();
        destinations.evaluate(now);
        trackers.values().forEach(t -> {
            t.evaluate(now).ifPresent(change -> changed(change, "system"));
            export(t, now);
            publishStatus(t.carrier(), now);
        });
    }

    private void changed(Transition t, String actor) {
        export(trackers.get(t.carrier()), t.atMs());
        if (!leadership.isLeader()) {
            LOG.debug("health (standby): {} {} -> {}", t.carrier(), t.from().wireName(), t.to().wireName());
            return;
        }
        CarrierHealthTracker tracker = trackers.get(t.carrier());
        CarrierHealthSnapshot snapshot = tracker.snapshot(t.atMs());
        LOG.info("health: {} {} -> {} (score {}): {}", t.carrier(), t.from().wireName(), t.to().wireName(), t.score(),
                t.reason());
        publishStatus(t.carrier(), t.atMs());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("carrier", t.carrier());
        data.put("from", t.from().wireName());
        data.put("to", t.to().wireName());
        data.put("score", t.score());
        data.put("reason", t.reason());
        data.put("details", new TreeMap<>(t.details()));
        vertx.eventBus().publish(Addresses.EVENTS, EventEnvelope.of(EventTypes.CARRIER_HEALTH_CHANGED,
                Instant.ofEpochMilli(t.atMs()), null, data));
        store.change(new HealthStore.LogEntry(t.carrier(), t.from().wireName(), t.to().wireName(), t.score(), t.reason(),
                        t.details(), actor, Instant.ofEpochMilli(t.atMs())), snapshot.asr(), snapshot.acdSeconds(),
                        snapshot.averagePddMs(), snapshot.consecutiveFailures(), snapshot.disabledReason())
                .onFailure(error -> LOG.warn("health: change of {} not stored: {}", t.carrier(), error.getMessage()));
    }

    private double usableCarriers(io.switchboard.contract.model.Service service) {
        return services.entrySet().stream().filter(e -> e.getValue().contains(service)).filter(e -> {
            Exported values = exported.get(e.getKey());
            return values != null && values.state <= HealthState.DEGRADED.ordinal();
        }).count();
    }

    private void breakerChanged(io.switchboard.contract.bus.BreakerReport report) {
        BreakerState before = breakers.put(report.carrier(), report.state());
        tracker(report.carrier());
        publishStatus(report.carrier(), System.currentTimeMillis());
        if (leadership.isLeader() && before != report.state()) {
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("carrier", report.carrier());
            data.put("breaker", report.state().wireName());
            data.put("previous_breaker", (before == null ? BreakerState.CLOSED : before).wireName());
            data.put("node", report.nodeId());
            data.put("reason", "circuit breaker " + report.state().wireName() + " on node " + report.nodeId());
            vertx.eventBus().publish(Addresses.EVENTS, EventEnvelope.of(EventTypes.CARRIER_HEALTH_CHANGED,
                    report.at(), null, data));
        }
    }

    private void publishStatus(String carrier, long now) {
        if (!leadership.isLeader()) {
            return;
        }
        CarrierHealthTracker tracker = trackers.get(carrier);
        HealthState state = tracker.state();
        vertx.eventBus().publish(Addresses.CARRIER_STATUS, new CarrierStatusReport(carrier, tracker.score(now),
                state == HealthState.DOWN, state == HealthState.DISABLED,
                breakers.getOrDefault(carrier, BreakerState.CLOSED), 0));
    }

    private void list(Message<Object> message) {
        long now = System.currentTimeMillis();
        message.reply(new HealthList(new TreeMap<>(trackers).values().stream().map(t -> view(t.snapshot(now))).toList(),
                leadership.leaderNode()));
    }

    private void command(Message<HealthCommand> message, boolean disable) {
        HealthCommand command = message.body();
        if (command.carrier() == null || command.reason() == null || command.reason().isBlank()) {
            BusErrors.fail(message, SwitchboardException.invalidField(ErrorCode.TEL_011, "reason", "reason: required"));
            return;
        }
        long now = System.currentTimeMillis();
        apply(command.carrier(), command.reason(), command.actor(), disable, now);
        vertx.eventBus().publish(COMMANDS, new io.vertx.core.json.JsonObject().put("carrier", command.carrier())
                .put("reason", command.reason()).put("actor", command.actor()).put("disable", disable)
                .put("origin", node.cluster().memberId()));
        message.reply(view(tracker(command.carrier()).snapshot(now)));
    }

    /** Another health-monitor's operator command: applied here too, so every monitor agrees. */
    private void peerCommand(Message<io.vertx.core.json.JsonObject> message) {
        io.vertx.core.json.JsonObject c = message.body();
        if (!node.cluster().memberId().equals(c.getString("origin"))) {
            apply(c.getString("carrier"), c.getString("reason"), c.getString("actor"), c.getBoolean("disable"),
                    System.currentTimeMillis());
        }
    }

    private void apply(String carrier, String reason, String actor, boolean disable, long now) {
        CarrierHealthTracker tracker = tracker(carrier);
        Optional<Transition> change = disable ? tracker.disable(now, actor, reason) : tracker.enable(now, actor, reason);
        change.ifPresent(t -> changed(t, actor));
    }

    private CarrierHealthView view(CarrierHealthSnapshot s) {
        return new CarrierHealthView(s.carrier(), s.state().wireName(), s.score(), s.asr(), s.acdSeconds(),
                s.averagePddMs(), s.averageLatencyMs(), s.errorRatePercent(), s.samples(), s.consecutiveFailures(),
                breakers.getOrDefault(s.carrier(), BreakerState.CLOSED), s.reason(), s.disabledReason(),
                s.lastTransitionAtMs() == null ? null : Instant.ofEpochMilli(s.lastTransitionAtMs()),
                lastProbes.get(s.carrier()));
    }
}
