package io.switchboard.node;

import io.switchboard.api.HttpApiVerticle;
import io.switchboard.contract.bus.Role;
import io.switchboard.health.HealthMonitorVerticle;
import io.switchboard.roles.RoleVerticle;
import io.switchboard.router.RouterVerticle;
import io.vertx.core.Deployable;

/**
 * Which verticle stands for each role. The only place that maps roles to classes: a role's issue
 * changes its line here.
 */
final class RoleDeployer {

    private RoleDeployer() {
    }

    /** @return a new verticle instance for {@code role} on this node */
    static Deployable verticleFor(Role role, NodeContext node) {
        return switch (role) {
            case HTTP_API -> new HttpApiVerticle(node);
            case ROUTER -> new RouterVerticle(node);
            case HEALTH_MONITOR -> new HealthMonitorVerticle(node);
            case CARRIER -> new io.switchboard.carrier.CarrierRoleVerticle(node);
            case SIP_EDGE -> new io.switchboard.sipedge.SipEdgeVerticle(node);
            case CDR_WRITER -> new io.switchboard.cdr.CdrWriterVerticle(node);
        };
    }
}
