package io.switchboard.health;

import io.switchboard.node.ClusterView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Which health-monitor of the cluster is active: each one registers its member id in the cluster
 * map {@value #MAP}; the active one is the oldest live member that registered. A member that
 * crashes drops out of the live members, so the next oldest takes over at its next
 * {@link #refresh}, with no lock to release. Standbys keep the same state from the published
 * outcomes, so the one that takes over starts warm.
 */
final class Leadership {

    /** Cluster map of registered health-monitors: member id → node id. */
    static final String MAP = "switchboard.health.monitors";

    private final Vertx vertx;
    private final ClusterView cluster;
    private final String nodeId;
    private volatile boolean leader;
    private volatile String leaderNode;

    Leadership(Vertx vertx, ClusterView cluster, String nodeId) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.nodeId = nodeId;
    }

    private Future<AsyncMap<String, String>> map() {
        return vertx.sharedData().getAsyncMap(MAP);
    }

    /** Registers this monitor and decides leadership once. */
    Future<Void> join() {
        return map().compose(m -> m.put(cluster.memberId(), nodeId)).compose(v -> refresh());
    }

    /** Re-decides leadership from the registered monitors and the live members. */
    Future<Void> refresh() {
        return map().compose(AsyncMap::entries).map(this::decide);
    }

    private Void decide(java.util.Map<String, String> registered) {
        String first = cluster.members().stream().filter(registered::containsKey).findFirst()
                .orElse(cluster.memberId());
        leaderNode = registered.getOrDefault(first, nodeId);
        leader = first.equals(cluster.memberId());
        return null;
    }

    /** @return whether this monitor is the active one (as of the last refresh) */
    boolean isLeader() {
        return leader;
    }

    /** @return the node id of the active monitor (as of the last refresh) */
    String leaderNode() {
        return leaderNode;
    }

    /** Withdraws this monitor's registration (graceful stop). */
    Future<Void> leave() {
        return map().compose(m -> m.remove(cluster.memberId())).mapEmpty();
    }
}
