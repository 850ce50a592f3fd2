package io.switchboard.bench;

import com.sun.management.ThreadMXBean;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.router.Router;
import io.switchboard.router.policy.TenantRules;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The decision of {@link RouteDecisionBenchmark#unexplainedDecisionsPerSecond} (six decks, the
 * traffic's destinations, no reason text) counted per CPU second rather than per wall second:
 * decisions / (the deciding thread's CPU time + the garbage collectors' time). On a machine
 * shared with other work, wall-clock throughput mostly measures how often the thread was
 * scheduled; this figure is what one core does when it is ours. Prints each iteration and the
 * bytes allocated per decision.
 *
 * <pre>mvn -B -pl tests -Pbench test-compile exec:exec -Dbench.main=io.switchboard.bench.DecisionCpuHarness -Dbench.args=</pre>
 */
public final class DecisionCpuHarness {

    private DecisionCpuHarness() {
    }

    /** @param args optional: iterations (default 5) and decisions per iteration (default 2,000,000) */
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perIteration = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        Path data = BenchDecks.dataDir();
        Router router = BenchRouter.router(data);
        RouteRequest[] requests = BenchRouter.requests(data, 100_000);
        Instant now = RouteDecisionBenchmark.NOW;
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long sink = 0;
        for (int i = 0; i < 3_000_000; i++) { // warm-up: C2 compiles the decision
            sink += router.plan(requests[i % requests.length], TenantRules.NONE, now, false).candidates().size();
        }
        for (int it = 1; it <= iterations; it++) {
            long gc0 = gcMillis();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long bytes0 = threads.getThreadAllocatedBytes(self);
            long wall0 = System.nanoTime();
            for (int i = 0; i < perIteration; i++) {
                sink += router.plan(requests[i % requests.length], TenantRules.NONE, now, false).candidates().size();
            }
            long wall = System.nanoTime() - wall0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long bytes = threads.getThreadAllocatedBytes(self) - bytes0;
            long gc = gcMillis() - gc0;
            double perCpuSecond = perIteration / ((cpu + gc * 1_000_000.0) / 1e9);
            System.out.printf("iteration %d: %,.0f decisions per CPU second (thread CPU %d ms + GC %d ms); "
                            + "%,.0f per wall second; %d B per decision%n", it, perCpuSecond, cpu / 1_000_000, gc,
                    perIteration / (wall / 1e9), bytes / perIteration);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
