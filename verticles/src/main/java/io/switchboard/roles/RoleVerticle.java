package io.switchboard.roles;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Role;
import io.switchboard.contract.bus.RoleStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;

/**
 * A role's presence on the cluster: it answers {@link Addresses#roleStatus(Role)} with a
 * {@link RoleStatus} naming its node, so callers (and tests) can see which nodes host a role and
 * how the event bus spreads requests over them.
 *
 * <p>The roles whose work is not built yet ({@code router}, {@code carrier},
 * {@code health-monitor}, {@code cdr-writer}, {@code sip-edge}) are deployed as this verticle
 * alone; each role's issue replaces it with the real verticle, which keeps answering the same
 * status address.
 */
public class RoleVerticle extends VerticleBase {

    private final Role role;
    private final String nodeId;
    private Instant startedAt;
    private long handled;
    private MessageConsumer<Object> consumer;

    /**
     * @param role the role this verticle stands for
     * @param nodeId the id of the hosting node
     */
    public RoleVerticle(Role role, String nodeId) {
        this.role = role;
        this.nodeId = nodeId;
    }

    @Override
    public Future<?> start() {
        startedAt = Instant.now();
        consumer = vertx.eventBus().consumer(Addresses.roleStatus(role),
                message -> message.reply(new RoleStatus(role, nodeId, startedAt, ++handled)));
        return consumer.completion();
    }

    @Override
    public Future<?> stop() {
        return consumer.unregister();
    }
}
