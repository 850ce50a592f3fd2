package io.switchboard.node;

import io.switchboard.contract.bus.Role;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The liveness and readiness checks of a node (vertx-health-check procedures).
 *
 * <p>Ready means: the Hazelcast member is active ({@code cluster}), PostgreSQL answers
 * {@code SELECT 1} within {@value #CHECK_TIMEOUT_MS} ms ({@code database}), and every role of
 * the node has started and the node is not stopping ({@code roles}).
 */
final class NodeHealth {

    /** Time-out of each readiness procedure, in ms. */
    static final long CHECK_TIMEOUT_MS = 2_000;

    private NodeHealth() {
    }

    static HealthChecks liveness(Vertx vertx, String nodeId) {
        return HealthChecks.create(vertx).register("node", promise ->
                promise.complete(Status.OK(new JsonObject().put("node_id", nodeId))));
    }

    static HealthChecks readiness(Vertx vertx, HazelcastClusterManager cluster, Pool pool, List<Role> roles,
                                  BooleanSupplier rolesStarted) {
        HealthChecks checks = HealthChecks.create(vertx);
        checks.register("cluster", CHECK_TIMEOUT_MS, promise -> {
            JsonObject data = new JsonObject().put("members", cluster.isActive() ? cluster.getNodes().size() : 0);
            promise.complete(cluster.isActive() ? Status.OK(data) : Status.KO(data));
        });
        checks.register("database", CHECK_TIMEOUT_MS, promise -> pool.query("SELECT 1").execute()
                .onSuccess(rows -> promise.tryComplete(Status.OK()))
                .onFailure(error -> promise.tryComplete(Status.KO(new JsonObject().put("error", Failures.describe(error))))));
        checks.register("roles", CHECK_TIMEOUT_MS, promise -> {
            JsonObject data = new JsonObject().put("roles", new JsonArray(roles.stream().map(Role::id).toList()));
            promise.complete(rolesStarted.getAsBoolean() ? Status.OK(data) : Status.KO(data));
        });
        return checks;
    }
}
