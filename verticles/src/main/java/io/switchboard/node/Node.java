package io.switchboard.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.cluster.HazelcastConfigFactory;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.bus.NodeStatus;
import io.switchboard.contract.bus.Role;
import io.vertx.core.Deployable;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Switchboard node: a clustered Vert.x instance, its database, its management server and the
 * verticles of its roles.
 *
 * <p>{@link #start} runs on the launcher thread and blocks until the node is ready or has failed:
 * join the Hazelcast cluster (and wait for {@code cluster.min-members}), open and migrate
 * PostgreSQL, start the management server, deploy one verticle per role, answer
 * {@link Addresses#NODE_STATUS}. {@link #stop} undoes it in reverse, bounded in time.
 */
public final class Node {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final long STEP_TIMEOUT_MS = 30_000;

    private enum State { STARTING, RUNNING, STOPPING, STOPPED }

    private final SwitchboardConfig config;
    private final String nodeId;
    private volatile State state = State.STARTING;
    private Vertx vertx;
    private HazelcastClusterManager clusterManager;
    private DatabaseBootstrap.Opened database;
    private ManagementVerticle management;
    private Deployable httpApi;
    private final List<String> deployments = Collections.synchronizedList(new ArrayList<>());
    private Instant startedAt;

    private Node(SwitchboardConfig config, String nodeId) {
        this.config = config;
        this.nodeId = nodeId;
    }

    /**
     * Starts a node and returns once it is ready.
     *
     * @param config the validated configuration
     * @param nodeId this node's id
     * @return the running node
     * @throws StartupException with a one-line reason; whatever had started is stopped again
     */
    public static Node start(SwitchboardConfig config, String nodeId) {
        Node node = new Node(config, nodeId);
        try {
            node.boot();
            return node;
        } catch (RuntimeException e) {
            node.stop();
            throw e;
        }
    }

    private void boot() {
        long began = System.nanoTime();
        SwitchboardConfig.Cluster cluster = config.cluster();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", nodeId);
        registry.config().meterFilter(ApiLatencyHistogram.FILTER);
        clusterManager = new HazelcastClusterManager(HazelcastConfigFactory.create(cluster));
        VertxOptions options = new VertxOptions()
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)))
                .setEventBusOptions(new EventBusOptions().setHost(cluster.host()).setClusterPublicHost(cluster.host()));
        vertx = Await.result(Vertx.builder().with(options).withClusterManager(clusterManager)
                        .withMetrics(new MicrometerMetricsFactory(registry)).buildClustered(),
                cluster.joinTimeoutMs(), "cluster: cannot join '" + cluster.name() + "' from " + cluster.host() + ":"
                        + cluster.port() + " (cluster.members " + cluster.members() + ", cluster.join-timeout-ms)");
        awaitMembers(cluster);
        long joinedMs = elapsedMs(began);
        Codecs.registerAll(vertx.eventBus());

        database = new DatabaseBootstrap(vertx, config.database(), nodeId).open();
        long databaseMs = elapsedMs(began) - joinedMs;

        NodeContext context = new NodeContext(nodeId, config, database.pool(), database.target(), NodeHealth.liveness(vertx, nodeId),
                NodeHealth.readiness(vertx, clusterManager, database.pool(), config.node().roles(),
                        () -> state == State.RUNNING), registry, new ClusterView() {
                    @Override
                    public String memberId() {
                        return clusterManager.getNodeId();
                    }

                    @Override
                    public java.util.List<String> members() {
                        return clusterManager.getNodes();
                    }

                    @Override
                    public com.hazelcast.core.HazelcastInstance hazelcast() {
                        return clusterManager.getHazelcastInstance();
                    }
                });
        management = new ManagementVerticle(context);
        deploy(management, "management server");
        for (Role role : config.node().roles()) {
            Deployable verticle = RoleDeployer.verticleFor(role, context);
            if (role == Role.HTTP_API) {
                httpApi = verticle;
            }
            deploy(verticle, "role " + role.id());
        }
        Await.result(vertx.eventBus().consumer(Addresses.NODE_STATUS, message -> message.reply(status()))
                .completion(), STEP_TIMEOUT_MS, "cluster: cannot register " + Addresses.NODE_STATUS);
        startedAt = Instant.now();
        state = State.RUNNING;
        LOG.info("node {} ready in {} ms (cluster join {} ms, database {} ms): roles {}, {} cluster member(s), "
                        + "management :{}{}, database {}", nodeId, elapsedMs(began), joinedMs, databaseMs,
                config.node().roles().stream().map(Role::id).toList(), clusterManager.getNodes().size(),
                management.port(), httpApi instanceof io.switchboard.api.HttpApiVerticle api ? ", http :" + api.port() : "",
                database.target().describe());
    }

    private void awaitMembers(SwitchboardConfig.Cluster cluster) {
        if (cluster.minMembers() <= 1) {
            return;
        }
        Promise<Void> enough = Promise.promise();
        long timer = vertx.setPeriodic(0, 200, id -> {
            if (clusterManager.getNodes().size() >= cluster.minMembers()) {
                enough.tryComplete();
            }
        });
        try {
            Await.result(enough.future(), cluster.joinTimeoutMs(), "cluster");
        } catch (StartupException e) {
            throw new StartupException("cluster: " + clusterManager.getNodes().size() + " of the "
                    + cluster.minMembers() + " members required by cluster.min-members joined within "
                    + cluster.joinTimeoutMs() + " ms (cluster.members " + cluster.members() + ")");
        } finally {
            vertx.cancelTimer(timer);
        }
    }

    private void deploy(Deployable verticle, String what) {
        deployments.add(Await.result(vertx.deployVerticle(verticle), STEP_TIMEOUT_MS, what));
    }

    /** @return this node's answer to {@link Addresses#NODE_STATUS} */
    public NodeStatus status() {
        return new NodeStatus(nodeId, clusterManager.getNodeId(), Version.current(), System.getProperty("java.version"),
                config.node().roles(), startedAt, state == State.RUNNING, clusterManager.getNodes().size());
    }

    /** @return this node's clustered Vert.x instance (for embedding Switchboard and for tests) */
    public Vertx vertx() {
        return vertx;
    }

    /** @return the gRPC port of this node's http-api, or -1 without that role or with {@code grpc.enabled} false */
    public int grpcPort() {
        return httpApi instanceof io.switchboard.api.HttpApiVerticle api ? api.grpcPort() : -1;
    }

    /** @return the public API's bound port, or -1 when this node has no http-api role */
    public int httpPort() {
        return httpApi instanceof io.switchboard.api.HttpApiVerticle api ? api.port() : -1;
    }

    /** @return the public API's routes, in order, or an empty list when this node has no http-api role */
    public java.util.List<io.vertx.ext.web.Route> httpRoutes() {
        return httpApi instanceof io.switchboard.api.HttpApiVerticle api ? api.routes() : java.util.List.of();
    }

    /** @return where this node's PostgreSQL is */
    public io.switchboard.storage.DatabaseTarget database() {
        return database.target();
    }

    /** @return the port of the management server (bound port when configured as 0) */
    public int managementPort() {
        return management.port();
    }

    /**
     * Graceful stop: readiness turns false, each verticle is undeployed in reverse order (HTTP
     * servers refuse new connections and drain in-flight requests for up to
     * {@code shutdown.drain-timeout-ms}; writers flush), the pool closes, the node leaves the
     * cluster, and an embedded PostgreSQL this node started stops. Each step is bounded; a step
     * that fails is logged and the next one runs. Safe to call more than once.
     */
    public synchronized void stop() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.STOPPING;
        long began = System.nanoTime();
        long drainMs = config.shutdown().drainTimeoutMs() + 5_000;
        if (vertx != null) {
            List<String> reversed = new ArrayList<>(deployments);
            Collections.reverse(reversed);
            for (String id : reversed) {
                quietly(() -> Await.result(vertx.undeploy(id), drainMs, "undeploy " + id));
            }
            if (database != null) {
                if (database.owned() != null) {
                    quietly(() -> Await.result(DatabaseBootstrap.unpublish(vertx, nodeId), STEP_TIMEOUT_MS,
                            "unpublish embedded database"));
                }
                quietly(() -> Await.result(database.pool().close(), STEP_TIMEOUT_MS, "close database pool"));
            }
            quietly(() -> Await.result(vertx.close(), STEP_TIMEOUT_MS, "leave cluster"));
        }
        if (database != null) {
            DatabaseBootstrap.closeQuietly(database.owned());
        }
        state = State.STOPPED;
        LOG.info("node {} stopped in {} ms", nodeId, elapsedMs(began));
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("shutdown step failed: {}", e.getMessage());
        }
    }

    private static long elapsedMs(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis();
    }
}
