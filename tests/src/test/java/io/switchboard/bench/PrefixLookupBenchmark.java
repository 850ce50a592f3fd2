package io.switchboard.bench;

import io.switchboard.router.index.RateMatch;
import io.switchboard.router.index.RateTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Longest-prefix lookups in the rate index built from the six decks of
 * {@code ../shared/data/decks} (system property {@code switchboard.data}, default
 * {@code ../../shared/data} from {@code tests/}), over the 100,000 numbers of
 * {@code traffic/calls.csv}, cycled in file order.
 *
 * <ul>
 *   <li>{@code oneTable}: one lookup in {@code wholesale-a} (298k rows) per op.</li>
 *   <li>{@code allTables}: one lookup in each of the six tables per op (one number).</li>
 *   <li>{@code oneTableMatch}: as {@code oneTable}, building the {@link RateMatch} record.</li>
 *   <li>{@code *Latency}: the same in {@link Mode#SampleTime}, for percentiles (ns; at this
 *       scale the figures include the timer's own granularity of some tens of ns).</li>
 * </ul>
 *
 * <p>Run: {@code mvn -B -q install -DskipTests -o && mvn -B -o -pl tests -Pbench test-compile
 * exec:exec -Dbench.args="PrefixLookup -f 1 -wi 2 -w 2s -i 3 -r 2s"}. The setup prints the
 * table sizes and the heap they retain (estimated from array lengths, and measured).
 */
@State(Scope.Thread)
public class PrefixLookupBenchmark {

    /** The decision instant: mid-2026, every deck effective. */
    static final long T = Instant.parse("2026-07-01T12:00:00Z").getEpochSecond();

    RateTable wholesaleA;
    RateTable[] tables;
    String[] numbers;
    int cursor;

    @Setup
    public void setUp() throws IOException {
        Path data = BenchDecks.dataDir();
        if (!Files.isDirectory(data.resolve("decks"))) {
            throw new IllegalStateException("no decks under " + data.toAbsolutePath()
                    + " (set -Dswitchboard.data)");
        }
        numbers = BenchDecks.callNumbers(data);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        long start = System.nanoTime();
        tables = new RateTable[BenchDecks.FILES.length];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = BenchDecks.load(data.resolve("decks").resolve(BenchDecks.FILES[i]));
        }
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        long after = usedAfterGc(memory);
        wholesaleA = tables[0];

        long estimated = 0;
        int rows = 0;
        StringBuilder out = new StringBuilder("\n[rate index] six decks, parsed and built in ")
                .append(buildMillis).append(" ms (not a benchmark of the importer)\n");
        for (RateTable t : tables) {
            estimated += t.estimatedBytes();
            rows += t.size();
            int covered = 0;
            for (String n : numbers) {
                if (t.covers(n, T)) {
                    covered++;
                }
            }
            out.append(String.format("  %-12s %7d rows %7d prefixes %7d nodes (%6d internal)"
                            + " %6.2f MB est.  covers %5.1f%% of calls%n",
                    t.carrierId(), t.size(), t.prefixCount(), t.trie().nodeCount(),
                    t.trie().internalNodeCount(), t.estimatedBytes() / 1e6,
                    100.0 * covered / numbers.length));
        }
        out.append(String.format("  total %d rows: estimated %.2f MB, measured %.2f MB"
                        + " (used heap after GC, before/after building: %.1f / %.1f MB)%n",
                rows, estimated / 1e6, (after - before) / 1e6, before / 1e6, after / 1e6));
        System.out.print(out);
        cursor = 0;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private String next() {
        int i = cursor;
        cursor = i + 1 == numbers.length ? 0 : i + 1;
        return numbers[i];
    }

    private int lookupAll(String n) {
        int sum = 0;
        for (RateTable t : tables) {
            sum += t.findRow(n, T);
        }
        return sum;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int oneTable() {
        return wholesaleA.findRow(next(), T);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int allTables() {
        return lookupAll(next());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RateMatch oneTableMatch() {
        return wholesaleA.lookup(next(), T);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int oneTableLatency() {
        return wholesaleA.findRow(next(), T);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int allTablesLatency() {
        return lookupAll(next());
    }
}
