package io.switchboard.contract.bus;

import java.time.Instant;
import java.util.List;

/**
 * Reply of {@link Addresses#NODE_STATUS}: what one node of the cluster is and hosts.
 *
 * @param nodeId the node's id (config {@code node.id}, else generated at start)
 * @param clusterNodeId the Hazelcast member id of this node
 * @param version the Switchboard version the node runs
 * @param javaVersion the runtime's {@code java.version}
 * @param roles the roles this node hosts
 * @param startedAt when the node finished starting (UTC)
 * @param ready whether the node reports ready (cluster joined, database answers, roles started)
 * @param clusterSize the number of members this node sees
 */
public record NodeStatus(
        String nodeId,
        String clusterNodeId,
        String version,
        String javaVersion,
        List<Role> roles,
        Instant startedAt,
        boolean ready,
        int clusterSize) {
}
