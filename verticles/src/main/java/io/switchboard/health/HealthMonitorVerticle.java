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
import io.switchboard.contract.model.BreakerState;
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
 * {@code switchboard_carrier_health_state} (0 healthy, 1 degraded, 2 down, 3 disabled) per carrier.
 *
 * <p>Several health-monitors may run in a cluster: all of them track every carrier from the
 * published outcomes and operator commands, and the active one ({@link Leadership}: the oldest
 * live member among them) alone stores changes and publishes status and events; when it dies the
 * next takes over warm. Not built yet: active probes (SIP OPTIONS, API pings) and breaker states
 * from the carrier adapters (reported as closed).
 */
public final class HealthMonitorVerticle extends RoleVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitorVerticle.class);

    private final NodeContext node;
    private final Map<String, CarrierHealthTracker> trackers = new ConcurrentHashMap<>();
    private HealthPolicy policy;
    private HealthStore store;
    private Leadership leadership;

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
                settings.failureRateDownPercent(), settings.minimumSamples(), settings.autoDisableAfterFailures());
        store = new HealthStore(node.pool());
        leadership = new Leadership(vertx, node.cluster(), node.nodeId());
        return super.start()
                .compose(v -> store.loadAll())
                .map(this::restore)
                .compose(v -> trackConfiguredCarriers())
                .compose(v -> leadership.join())
                .compose(v -> Future.all(
                        vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(COMMANDS, this::peerCommand).completion(),
                        vertx.eventBus().<Attempt>consumer(Addresses.CARRIER_OUTCOMES, this::outcome).completion(),
                        vertx.eventBus().consumer(Addresses.DECKS_PUBLISHED, m -> trackConfiguredCarriers()).completion(),
                        vertx.eventBus().consumer(Addresses.HEALTH_LIST, this::list).completion(),
                        vertx.eventBus().<HealthCommand>consumer(Addresses.HEALTH_DISABLE, m -> command(m, true)).completion(),
                        vertx.eventBus().<HealthCommand>consumer(Addresses.HEALTH_ENABLE, m -> command(m, false)).completion()))
                .onSuccess(v -> {
                    vertx.setPeriodic(settings.publishIntervalMs(), id -> leadership.refresh().onComplete(x -> tick()));
                    vertx.setPeriodic(CARRIER_REFRESH_MS, id -> trackConfiguredCarriers());
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
                    profiles.forEach(p -> tracker(p.id()));
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
            tracker(attempt.carrier()).record(now, outcome, latency, null, null)
                    .ifPresent(t -> changed(t, "system"));
        });
    }

    private void tick() {
        long now = System.currentTimeMillis();
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

    private void publishStatus(String carrier, long now) {
        if (!leadership.isLeader()) {
            return;
        }
        CarrierHealthTracker tracker = trackers.get(carrier);
        HealthState state = tracker.state();
        vertx.eventBus().publish(Addresses.CARRIER_STATUS, new CarrierStatusReport(carrier, tracker.score(now),
                state == HealthState.DOWN, state == HealthState.DISABLED, BreakerState.CLOSED, 0));
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

    private static CarrierHealthView view(CarrierHealthSnapshot s) {
        return new CarrierHealthView(s.carrier(), s.state().wireName(), s.score(), s.asr(), s.acdSeconds(),
                s.averagePddMs(), s.averageLatencyMs(), s.errorRatePercent(), s.samples(), s.consecutiveFailures(),
                BreakerState.CLOSED, s.reason(), s.disabledReason(),
                s.lastTransitionAtMs() == null ? null : Instant.ofEpochMilli(s.lastTransitionAtMs()));
    }
}
