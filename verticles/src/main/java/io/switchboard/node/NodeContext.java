package io.switchboard.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.sqlclient.Pool;
import io.switchboard.storage.DatabaseTarget;

/**
 * What the verticles of a node share, handed to them when the node deploys them: the node's id
 * and configuration, its database pool, its health checks and its metrics registry.
 *
 * @param nodeId this node's id
 * @param config the validated configuration
 * @param pool the node's PostgreSQL pool (vertx-pg-client; never block on it)
 * @param database where that database is, for the few JDBC uses (Flyway, COPY) on worker threads
 * @param liveness checks behind {@code /health/live}
 * @param readiness checks behind {@code /health/ready}
 * @param registry the Prometheus registry behind {@code /metrics}
 * @param cluster cluster membership
 */
public record NodeContext(String nodeId, SwitchboardConfig config, Pool pool, DatabaseTarget database,
                          HealthChecks liveness, HealthChecks readiness, PrometheusMeterRegistry registry,
                          ClusterView cluster) {
}
