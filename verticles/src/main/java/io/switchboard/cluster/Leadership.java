package io.switchboard.cluster;

import io.switchboard.node.ClusterView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Which of the cluster's instances of a job is active (the health-monitor that stores, publishes
 * and probes; the sip-edge that probes SIP trunks): each instance registers its member id in a
 * cluster map; the active one is the oldest live member that registered. A member that crashes
 * drops out of the live members, so the next oldest takes over at its next {@link #refresh}, with
 * no lock to release.
 */
public final class Leadership {

    private final String mapName;
    private final Vertx vertx;
    private final ClusterView cluster;
    private final String nodeId;
    private volatile boolean leader;
    private volatile String leaderNode;

    /**
     * @param mapName the cluster map of registered instances ({@code switchboard.health.monitors}):
     *     member id → node id
     * @param vertx the clustered Vert.x instance
     * @param cluster the node's view of the cluster members (oldest first)
     * @param nodeId this node's id
     */
    public Leadership(String mapName, Vertx vertx, ClusterView cluster, String nodeId) {
        this.mapName = mapName;
        this.vertx = vertx;
        this.cluster = cluster;
        this.nodeId = nodeId;
    }

    private Future<AsyncMap<String, String>> map() {
        return vertx.sharedData().getAsyncMap(mapName);
    }

    /** Registers this instance and decides leadership once. */
    public Future<Void> join() {
        return map().compose(m -> m.put(cluster.memberId(), nodeId)).compose(v -> refresh());
    }

    /** Re-decides leadership from the registered instances and the live members. */
    public Future<Void> refresh() {
        return map().compose(AsyncMap::entries).map(this::decide);
    }

    private Void decide(java.util.Map<String, String> registered) {
        String first = cluster.members().stream().filter(registered::containsKey).findFirst()
                .orElse(cluster.memberId());
        leaderNode = registered.getOrDefault(first, nodeId);
        leader = first.equals(cluster.memberId());
        return null;
    }

    /** @return whether this instance is the active one (as of the last refresh) */
    public boolean isLeader() {
        return leader;
    }

    /** @return the node id of the active instance (as of the last refresh) */
    public String leaderNode() {
        return leaderNode;
    }

    /** Withdraws this instance's registration (graceful stop). */
    public Future<Void> leave() {
        return map().compose(m -> m.remove(cluster.memberId())).mapEmpty();
    }
}
