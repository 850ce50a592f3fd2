package io.switchboard.sipedge;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.ProbeResult;
import io.switchboard.contract.bus.Role;
import io.switchboard.contract.bus.SipProbeReport;
import io.switchboard.node.NodeContext;
import io.switchboard.roles.RoleVerticle;
import io.switchboard.sip.probe.OptionsProber;
import io.switchboard.sip.probe.ProbeSettings;
import io.switchboard.sip.protect.Acl;
import io.switchboard.sip.protect.FloodGuard;
import io.switchboard.sip.protect.TrunkLoad;
import io.switchboard.sip.proxy.ProxySettings;
import io.switchboard.sip.proxy.RoutePlanner;
import io.switchboard.sip.proxy.RoutingProxy;
import io.switchboard.sip.proxy.TrunkDirectory;
import io.switchboard.sip.stack.ContextListener;
import io.switchboard.sip.stack.EndpointSettings;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.stack.SipEndpoint;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.sip.uac.CarrierAttempt;
import io.switchboard.sip.uac.TrunkCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.switchboard.cluster.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sip-edge} role: owns the JAIN-SIP stack (UDP, TCP and, with a keystore, TLS
 * listening points of {@code sip.*}), the {@link RoutingProxy} and the {@link OptionsProber} of the
 * SIP trunks (carriers with {@code provider: sip}). It only wires: JAIN-SIP callbacks are handed to
 * this verticle's context ({@link ContextListener}); sends that may block (TCP/TLS connect, DNS) run
 * on an ordered worker ({@link Sender}); the stack starts and stops on a worker thread.
 *
 * <p>Bus use: asks {@link Addresses#ROUTER_PLAN} for each new INVITE's candidates; publishes every
 * attempt on {@link Addresses#CARRIER_OUTCOMES} and events on {@link Addresses#EVENTS}; publishes
 * every OPTIONS probe as a {@link SipProbeReport} on {@link Addresses#SIP_PROBES}; answers
 * {@link Addresses#carrierProbe(String)} of each trunk with a fresh probe's {@link ProbeResult}.
 * Takes {@link AttemptRequest}s on {@link Addresses#carrier(String)} of each trunk: an
 * API-originated call placed as a UAC INVITE ({@link TrunkCaller}, SDP toward
 * {@code sip.media-address}), replied per {@link CarrierAttempt} and published as
 * {@code call.ringing|answered|completed|failed} events.
 *
 * <p>One prober per trunk in the cluster: only the active sip-edge ({@link Leadership} over the
 * cluster map {@value #PROBERS}) runs the scheduled OPTIONS; when its node dies the next oldest
 * takes over within a second. The other edges apply its published reports to their own trunk
 * states.
 */
public final class SipEdgeVerticle extends RoleVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(SipEdgeVerticle.class);

    /** Answered calls whose BYE never came through are forgotten after this long, ms. */
    static final long MAX_DIALOG_MS = 4L * 3600 * 1000;

    /** How long the proxy waits for a route plan, ms. */
    static final long PLAN_TIMEOUT_MS = 2_000;

    private final NodeContext node;
    private final RoutePlanner planner;
    private final List<SipTrunk> givenTrunks;
    private SipEndpoint endpoint;
    private WorkerExecutor worker;
    private RoutingProxy proxy;
    private OptionsProber prober;
    private TrunkCaller caller;
    private Leadership leadership;
    private TrunkDirectory directory;
    private Set<Integer> retry;
    private SwitchboardConfig.SipProbe probeSettings;
    private io.switchboard.carrier.config.CarrierAdminStore carriers;
    private final java.util.Map<String, List<io.vertx.core.eventbus.MessageConsumer<?>>> trunkConsumers =
            new java.util.HashMap<>();
    private Future<Void> pendingChange = Future.succeededFuture();

    /** Cluster map of the registered sip-edges (member id → node id), for {@link Leadership}. */
    static final String PROBERS = "switchboard.sip.probers";
    private final List<Long> timers = new ArrayList<>();

    /** @param node the node's shared services; trunks come from its {@code carriers} */
    public SipEdgeVerticle(NodeContext node) {
        this(node, null, null);
    }

    /**
     * For tests: given trunks and planner instead of the configured carriers and the router.
     *
     * @param node the node's shared services
     * @param trunks the trunks, or null for the configured ones
     * @param planner the planner, or null for the router's plans
     */
    SipEdgeVerticle(NodeContext node, List<SipTrunk> trunks, RoutePlanner planner) {
        super(Role.SIP_EDGE, node.nodeId());
        this.node = node;
        this.givenTrunks = trunks;
        this.planner = planner;
    }

    @Override
    public Future<?> start() {
        Future<List<SipTrunk>> initial = givenTrunks != null ? Future.succeededFuture(givenTrunks) : loadTrunks();
        return initial.compose(this::startWith);
    }

    /**
     * The trunks at start: the configured ones ({@code carriers} with {@code provider: sip}), then
     * those of the {@code carriers} table (made through the admin API, or configured on a carrier-role
     * node), a stored row replacing a configured one of the same id; deleted rows are left out. When
     * the table cannot be read (another secrets key), the configured trunks are used and a warning logged.
     * A trunk deleted through the admin API stays out even when the configuration file still lists it.
     */
    private Future<List<SipTrunk>> loadTrunks() {
        java.util.Map<String, SipTrunk> trunks = new java.util.LinkedHashMap<>();
        TrunkMapping.trunks(node.config().carriers()).forEach(t -> trunks.put(t.id(), t));
        var secrets = node.config().secrets();
        var defaults = node.config().carrierDefaults();
        return vertx.executeBlocking(() -> io.switchboard.carrier.config.CredentialCipher.load(secrets.key(), secrets.keyFile()))
                .compose(cipher -> {
                    carriers = new io.switchboard.carrier.config.CarrierAdminStore(node.pool(), cipher, defaults.breaker(),
                            defaults.timeoutMs());
                    return carriers.list(true);
                })
                .map(records -> {
                    for (var record : records) {
                        if (record.deletedAt() != null) {
                            trunks.remove(record.id()); // deleted through the API, even if configured
                        } else if (TrunkMapping.PROVIDER.equals(record.provider())) {
                            try {
                                trunks.put(record.id(), TrunkMapping.trunk(
                                        io.switchboard.carrier.config.CarrierAdminStore.config(record)));
                            } catch (IllegalArgumentException e) {
                                LOG.warn("sip-edge: stored trunk {} left out: {}", record.id(), e.getMessage());
                            }
                        }
                    }
                    return (List<SipTrunk>) new ArrayList<>(trunks.values());
                })
                .recover(error -> {
                    LOG.warn("sip-edge: stored trunks not read ({}); using the configured ones", error.getMessage());
                    return Future.succeededFuture(new ArrayList<>(trunks.values()));
                });
    }

    private Future<?> startWith(List<SipTrunk> trunks) {
        SwitchboardConfig.Sip sip = node.config().sip();
        Context context = vertx.getOrCreateContext();
        worker = vertx.createSharedWorkerExecutor("sip-edge-send-" + node.nodeId(), 1);
        Sender sender = new Sender(worker);
        endpoint = new SipEndpoint(new EndpointSettings(sip.host(), sip.udpPort(), sip.tcpPort(), sip.tlsPort(),
                sip.tlsKeystore(), sip.tlsKeystorePassword(), 4 * 1024 * 1024,
                Math.max(2, Runtime.getRuntime().availableProcessors())));
        directory = new TrunkDirectory(trunks);
        retry = node.config().router().retrySipCodes().isEmpty() ? ProxySettings.DEFAULT_RETRY_CODES
                : node.config().router().retrySipCodes();
        ProxySettings settings = new ProxySettings(sip.attemptTimeoutMs(), sip.ringTimeoutMs(),
                sip.failoverAfterProvisional(), retry, Acl.of(sip.acl()));
        FloodGuard flood = new FloodGuard(sip.floodLimit(), sip.floodBanMs());
        proxy = new RoutingProxy(endpoint, sender, vertx, settings, directory, new TrunkLoad(),
                planner != null ? planner : new BusRoutePlanner(vertx.eventBus(), PLAN_TIMEOUT_MS), flood,
                new BusAttemptSink(vertx.eventBus()));
        RoutingProxy p = proxy;
        caller = new TrunkCaller(endpoint, sender, vertx, sip.mediaHost(), sip.mediaPort(), sip.attemptTimeoutMs(),
                sip.uacMaxDurationMs());
        p.localCalls(caller::request);
        ContextListener listener = new ContextListener(r -> context.runOnContext(v -> r.run()), p::admit, p);
        probeSettings = sip.probe();
        prober = new OptionsProber(endpoint, sender, vertx, new ProbeSettings(probeSettings.intervalMs(),
                probeSettings.timeoutMs(), probeSettings.downAfter(), probeSettings.upAfter(), probeSettings.aliveCodes()),
                trunks, result -> probed(directory, result));
        leadership = new Leadership(PROBERS, vertx, node.cluster(), node.nodeId());
        prober.onlyWhen(leadership::isLeader);
        return super.start()
                .compose(v -> leadership.join())
                .compose(v -> vertx.eventBus().<SipProbeReport>consumer(Addresses.SIP_PROBES, m -> {
                    if (!m.body().node().equals(node.nodeId())) {
                        directory.markDown(m.body().carrier(), !m.body().up());
                    }
                }).completion())
                .compose(v -> vertx.executeBlocking(() -> {
                    endpoint.start(listener);
                    return null;
                }))
                .compose(v -> Future.all(trunks.stream().map(this::listen).toList()))
                .compose(v -> carriers == null ? Future.succeededFuture()
                        : vertx.eventBus().<String>consumer(Addresses.CARRIERS_CHANGED, m -> trunkChanged(m.body()))
                                .completion())
                .onSuccess(v -> {
                    prober.start();
                    timers.add(vertx.setPeriodic(1_000, id -> leadership.refresh()));
                    timers.add(vertx.setPeriodic(1_000, id -> flood.purge(System.currentTimeMillis())));
                    timers.add(vertx.setPeriodic(60_000, id -> proxy.expireDialogs(MAX_DIALOG_MS)));
                    LOG.info("sip-edge: listening on {} udp {} tcp {}{}; {} SIP trunk(s) {}", sip.host(),
                            endpoint.port(SipTransport.UDP), endpoint.port(SipTransport.TCP),
                            endpoint.port(SipTransport.TLS) > 0 ? " tls " + endpoint.port(SipTransport.TLS) : "",
                            trunks.size(), trunks.stream().map(SipTrunk::id).toList());
                });
    }

    /** Registers a trunk's probe and attempt addresses on the bus. */
    private Future<Void> listen(SipTrunk t) {
        var bus = vertx.eventBus();
        List<io.vertx.core.eventbus.MessageConsumer<?>> consumers = List.of(
                bus.<Object>consumer(Addresses.carrierProbe(t.id()), m -> {
                    if (!prober.probeNow(t.id(), r -> m.reply(new ProbeResult(r.carrier(), r.alive(),
                            r.latencyMs() == null ? probeSettings.timeoutMs() : r.latencyMs(),
                            r.sipCode() == null ? 0 : r.sipCode(),
                            r.error() == null ? r.sipCode() + " (alive)" : r.error(), r.at())))) {
                        m.fail(404, "no SIP trunk " + t.id());
                    }
                }),
                bus.<AttemptRequest>consumer(Addresses.carrier(t.id()), m -> attempt(t, m, retry)));
        trunkConsumers.put(t.id(), consumers);
        return Future.all(consumers.stream().map(io.vertx.core.eventbus.MessageConsumer::completion).toList()).mapEmpty();
    }

    private Future<Void> unlisten(String carrier) {
        var consumers = trunkConsumers.remove(carrier);
        return consumers == null ? Future.succeededFuture()
                : Future.all(consumers.stream().map(io.vertx.core.eventbus.MessageConsumer::unregister).toList()).mapEmpty();
    }

    /**
     * A carrier changed through the admin API ({@link Addresses#CARRIERS_CHANGED}): a SIP trunk is
     * read again and replaces the edge's (directory, prober, bus addresses), a new one is added, a
     * deleted one (or one that is no longer a trunk) removed. Calls in progress keep the trunk they
     * were placed with. Changes are applied one after the other, on this verticle's context.
     */
    private void trunkChanged(String carrierId) {
        pendingChange = pendingChange.transform(x -> carriers.get(carrierId).compose(record -> {
            SipTrunk trunk = null;
            if (record != null && record.deletedAt() == null && TrunkMapping.PROVIDER.equals(record.provider())) {
                trunk = TrunkMapping.trunk(io.switchboard.carrier.config.CarrierAdminStore.config(record));
            }
            if (trunk == null && directory.get(carrierId) == null) {
                return Future.<Void>succeededFuture();
            }
            SipTrunk wanted = trunk;
            return unlisten(carrierId).compose(v -> {
                if (wanted == null) {
                    directory.remove(carrierId);
                    prober.remove(carrierId);
                    LOG.info("sip-edge: trunk {} removed", carrierId);
                    return Future.<Void>succeededFuture();
                }
                directory.put(wanted);
                prober.put(wanted);
                LOG.info("sip-edge: trunk {} is {}:{} {} now", carrierId, wanted.host(), wanted.port(), wanted.transport());
                return listen(wanted);
            });
        }).onFailure(error -> LOG.error("sip-edge: trunk {} not updated after a change: {}", carrierId,
                error.getMessage())));
    }

    /** @return the ids of the trunks this edge routes to now (for tests) */
    List<String> trunkIds() {
        return directory == null ? List.of() : directory.all().stream().map(SipTrunk::id).toList();
    }

    /**
     * An API-originated attempt on a SIP trunk (RFC 3261 §13.2: the edge is the UAC): replies to the
     * router when the outcome is known and publishes the call's reports on {@link Addresses#CARRIER_EVENTS}.
     * Runs on this verticle's context (the bus consumer's).
     */
    private void attempt(SipTrunk trunk, Message<AttemptRequest> m, Set<Integer> retry) {
        boolean[] replied = {false};
        CarrierAttempt.start(caller, m.body(), trunk, retry, r -> {
            if (!replied[0]) {
                replied[0] = true;
                m.reply(r);
            }
        }, e -> vertx.eventBus().publish(Addresses.CARRIER_EVENTS, e));
    }

    private void probed(TrunkDirectory directory, io.switchboard.sip.probe.ProbeResult r) {
        directory.markDown(r.carrier(), !r.up());
        if (r.changed()) {
            LOG.info("sip-edge: trunk {} is {} by OPTIONS ({})", r.carrier(), r.up() ? "up" : "down",
                    r.alive() ? "code " + r.sipCode() : r.error());
        }
        vertx.eventBus().publish(Addresses.SIP_PROBES, new SipProbeReport(r.carrier(), node.nodeId(), r.alive(),
                r.sipCode(), r.latencyMs(), r.error(), r.up(), r.changed(), r.at()));
    }

    /** @return the bound port of a transport (-1 when off), for tests and logs */
    int port(SipTransport transport) {
        return endpoint == null ? -1 : endpoint.port(transport);
    }

    @Override
    public Future<?> stop() {
        timers.forEach(vertx::cancelTimer);
        if (prober != null) {
            prober.stop();
        }
        Future<Void> left = leadership == null ? Future.succeededFuture() : leadership.leave().otherwiseEmpty();
        Future<Void> stopped = left.compose(v -> endpoint == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            endpoint.stop();
            return null;
        }));
        return stopped.eventually(() -> worker == null ? Future.succeededFuture() : worker.close())
                .transform(x -> super.stop());
    }
}
