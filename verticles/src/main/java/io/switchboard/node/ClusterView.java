package io.switchboard.node;

import java.util.List;

/** The node's view of cluster membership (Hazelcast), for roles that elect one active member. */
public interface ClusterView {

    /** @return this node's cluster member id */
    String memberId();

    /**
     * @return the live members' ids, oldest member first (Hazelcast keeps its member list in
     *     join order); a member that crashed or left is not in it
     */
    List<String> members();

    /**
     * @return the cluster's Hazelcast instance, for the few cluster-wide structures Vert.x shared data
     *     does not offer (entry processors, predicates: the API's rate and concurrent-call limits), or
     *     null when the node has none (unit tests of single verticles)
     */
    default com.hazelcast.core.HazelcastInstance hazelcast() {
        return null;
    }
}
