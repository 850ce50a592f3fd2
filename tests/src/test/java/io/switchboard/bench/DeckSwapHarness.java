package io.switchboard.bench;

import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.router.Router;
import io.switchboard.router.index.RateTable;
import io.switchboard.router.policy.TenantRules;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishing a deck while decisions run (issue 3: "importing wholesale-a-voice.csv and publishing
 * it ... with concurrent lookups running and none slower than 1 ms during the swap").
 *
 * <p>Starts a {@link Router} with five decks, then a thread that decides routes without pause and
 * records every decision's latency; meanwhile the main thread reads, validates and indexes
 * {@code wholesale-a-voice.csv} with the importer's reader and publishes it, five times. Prints the
 * read+index time of each round and the decision latencies (max, p99.99, p99) during the rounds,
 * and of the decisions that overlapped a swap: the slowest, each one over 1 ms with how long before
 * the swap it began (a decision that began well before the swap was held up before it: off-CPU or
 * in a GC pause), and the slowest of those that began while the swap ran.
 * Storing in PostgreSQL is measured by the REST import ({@code POST /v1/decks}); see the README.
 *
 * <pre>mvn -B -pl tests -Pbench test-compile exec:exec -Dbench.main=io.switchboard.bench.DeckSwapHarness -Dbench.args=</pre>
 */
public final class DeckSwapHarness {

    private DeckSwapHarness() {
    }

    /** @param args none */
    public static void main(String[] args) throws Exception {
        Path data = BenchDecks.dataDir();
        Router router = BenchRouter.router(data, "wholesale-a-voice.csv");
        RouteRequest[] requests = BenchRouter.requests(data, 100_000);
        Instant now = Instant.parse("2026-07-01T12:00:00Z");
        for (int i = 0; i < 500_000; i++) {
            router.plan(requests[i % requests.length], TenantRules.NONE, now);
        }

        long[] histogram = new long[100_001];       // 1 µs buckets up to 100 ms
        long[] decisions = {0};
        long[] worstNanos = {0};
        // the swap window (set by the main thread) and the slowest decision that overlapped it
        java.util.concurrent.atomic.AtomicLongArray swapWindow =
                new java.util.concurrent.atomic.AtomicLongArray(new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
        long[] worstDuringSwapNanos = {0};
        long[] duringSwap = {0};
        long[] worstStartedInSwapNanos = {0};
        AtomicBoolean running = new AtomicBoolean(true);
        Thread decider = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                long start = System.nanoTime();
                router.plan(requests[i], TenantRules.NONE, now);
                long end = System.nanoTime();
                long took = end - start;
                long swapStart = swapWindow.get(0);
                if (end >= swapStart && start <= swapWindow.get(1)) {
                    duringSwap[0]++;
                    worstDuringSwapNanos[0] = Math.max(worstDuringSwapNanos[0], took);
                    if (start >= swapStart) {
                        worstStartedInSwapNanos[0] = Math.max(worstStartedInSwapNanos[0], took);
                    }
                    if (took > 1_000_000) {
                        System.out.printf("  a decision overlapping the swap took %.3f ms; it began %.3f ms before the swap%n",
                                took / 1e6, Math.max(0, swapStart - start) / 1e6);
                    }
                }
                histogram[(int) Math.min(histogram.length - 1, took / 1_000)]++;
                worstNanos[0] = Math.max(worstNanos[0], took);
                decisions[0]++;
                i = i + 1 == requests.length ? 0 : i + 1;
            }
        }, "decider");
        decider.start();
        Path deck = data.resolve("decks/wholesale-a-voice.csv");
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            RateTable table = BenchDecks.load(deck, 100 + round);
            swapWindow.set(0, Long.MAX_VALUE);
            long built = System.nanoTime();
            swapWindow.set(1, Long.MAX_VALUE);
            swapWindow.set(0, built);
            router.publish(table);
            long published = System.nanoTime();
            swapWindow.set(1, published);
            Thread.sleep(50);
            System.out.printf("round %d: wholesale-a read, validated and indexed in %d ms (%d rows), swapped in %d µs%n",
                    round, (built - start) / 1_000_000, table.size(), (published - built) / 1_000);
        }
        running.set(false);
        decider.join();
        System.out.printf("decisions during the rounds: %d; latency p99 %d µs, p99.99 %d µs, max %.3f ms%n",
                decisions[0], percentile(histogram, decisions[0], 0.99), percentile(histogram, decisions[0], 0.9999),
                worstNanos[0] / 1e6);
        System.out.printf("decisions overlapping a swap (router.publish): %d, slowest %.3f ms; slowest of those that "
                + "began during a swap %.3f ms%n", duringSwap[0], worstDuringSwapNanos[0] / 1e6,
                worstStartedInSwapNanos[0] / 1e6);
    }

    private static long percentile(long[] histogram, long total, double q) {
        long rank = (long) Math.ceil(total * q);
        long seen = 0;
        for (int us = 0; us < histogram.length; us++) {
            seen += histogram[us];
            if (seen >= rank) {
                return us + 1;
            }
        }
        return histogram.length;
    }
}
