package io.switchboard.node;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes the HTTP servers' response times as a Prometheus histogram
 * ({@code vertx_http_server_response_time_seconds_bucket}), so an alert can compute the p95 API
 * latency across nodes with {@code histogram_quantile} (the specification's "p95 API latency
 * &gt; 500 ms" alert).
 */
final class ApiLatencyHistogram {

    /** Adds histogram buckets to Vert.x's HTTP server response-time timer. */
    static final MeterFilter FILTER = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (id.getName().equals("vertx.http.server.response.time")) {
                return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
            }
            return config;
        }
    };

    private ApiLatencyHistogram() {
    }
}
