package io.switchboard.contract.bus;

import java.time.Instant;

/**
 * Reply of a role's status address ({@link Addresses#roleStatus(Role)}): which node answered and since when its verticle runs.
 *
 * @param role the role that answered
 * @param nodeId the id of the node hosting the answering verticle
 * @param startedAt when that verticle started (UTC)
 * @param handled how many status requests this verticle has answered since it started,
 *     including this one (lets a caller see how requests spread over several nodes)
 */
public record RoleStatus(Role role, String nodeId, Instant startedAt, long handled) {
}
