package io.switchboard.bench;

import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.router.Router;
import io.switchboard.router.policy.TenantRules;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The full routing decision of issue 3: longest-prefix match in all six carriers' decks,
 * exclusion checks, ranking (LCR: cost of a 60 s call, then health), cost and reason strings,
 * and the {@link RoutePlan} record, for the 100,000 destinations of {@code traffic/calls.csv}
 * in turn. Single thread.
 *
 * <pre>mvn -B -pl tests -Pbench test-compile exec:exec -Dbench.args="RouteDecision -f 1 -wi 3 -w 2s -i 5 -r 2s"</pre>
 */
@State(Scope.Thread)
public class RouteDecisionBenchmark {

    static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");

    Router router;
    RouteRequest[] requests;
    int cursor;

    @Setup
    public void setUp() throws IOException {
        var data = BenchDecks.dataDir();
        router = BenchRouter.router(data);
        requests = BenchRouter.requests(data, 100_000);
    }

    /** One decision per call. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RoutePlan decisionsPerSecond() {
        return decide();
    }

    /**
     * The decision as the failover loop takes it: the same plan without the candidates' reason
     * text (the "lookup in every carrier, filtering, ranking, cost").
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RoutePlan unexplainedDecisionsPerSecond() {
        RouteRequest request = requests[cursor];
        cursor = cursor + 1 == requests.length ? 0 : cursor + 1;
        return router.plan(request, TenantRules.NONE, NOW, false);
    }

    /** The same, sampled for the latency distribution (p50, p99, p99.9). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RoutePlan unexplainedDecisionLatency() {
        return unexplainedDecisionsPerSecond();
    }

    /** The explained decision, sampled for the latency distribution (p50, p99, p99.9). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RoutePlan decisionLatency() {
        return decide();
    }

    private RoutePlan decide() {
        RouteRequest request = requests[cursor];
        cursor = cursor + 1 == requests.length ? 0 : cursor + 1;
        return router.plan(request, TenantRules.NONE, NOW);
    }
}
