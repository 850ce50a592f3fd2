package io.switchboard.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.sqlclient.Pool;

/**
 * What the verticles of a node share, handed to them when the node deploys them: the node's id
 * and configuration, its database pool, its health checks and its metrics registry.
 *
 * @param nodeId this node's id
 * @param config the validated configuration
 * @param pool the node's PostgreSQL pool (vertx-pg-client; never block on it)
 * @param liveness checks behind {@code /health/live}
 * @param readiness checks behind {@code /health/ready}
 * @param registry the Prometheus registry behind {@code /metrics}
 */
public record NodeContext(String nodeId, SwitchboardConfig config, Pool pool, HealthChecks liveness,
                          HealthChecks readiness, PrometheusMeterRegistry registry) {
}
