package io.switchboard.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The operator's endpoints, the same on the management port of every node and on the public
 * API port:
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process serves requests;</li>
 *   <li>{@code GET /health/ready}: 200 when the cluster is joined, the database answers and every
 *       role of the node started, else 503; the body lists each check (vertx-health-check format:
 *       {@code {"status":"UP","checks":[{"id":"database","status":"UP"},...]}});</li>
 *   <li>{@code GET /metrics}: Prometheus text format (JVM, HTTP, event bus, pool metrics).</li>
 * </ul>
 */
public final class ObservabilityRoutes {

    private ObservabilityRoutes() {
    }

    /**
     * @param router where to mount the routes
     * @param liveness checks for {@code /health/live}
     * @param readiness checks for {@code /health/ready}
     * @param registry the node's Prometheus registry
     */
    public static void mount(Router router, HealthChecks liveness, HealthChecks readiness,
                             PrometheusMeterRegistry registry) {
        router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(liveness));
        router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    }
}
