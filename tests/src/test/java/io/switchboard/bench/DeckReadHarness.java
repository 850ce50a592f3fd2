package io.switchboard.bench;

import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckFormat;
import io.switchboard.router.deck.DeckReader;
import io.switchboard.router.deck.ReadSummary;
import io.switchboard.router.index.RateTable;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Java side of a deck import, without the database: reading and validating
 * {@code wholesale-a-voice.csv} with the importer's {@link DeckReader} (rows counted, nothing
 * kept), then the same plus building its {@link RateTable} (what a router does after a publish).
 * Ten rounds each; prints every round's wall time, the thread's CPU time and allocation, and the
 * garbage collectors' time, so that JIT warm-up and a busy machine can be told apart. The REST
 * import (with PostgreSQL COPY) is measured as the README says.
 *
 * <pre>mvn -B -pl tests -Pbench test-compile exec:exec -Dbench.main=io.switchboard.bench.DeckReadHarness -Dbench.args=</pre>
 */
public final class DeckReadHarness {

    private DeckReadHarness() {
    }

    /** @param args optional: number of rounds (default 10) */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path deck = BenchDecks.dataDir().resolve("decks/wholesale-a-voice.csv");
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (int round = 1; round <= rounds; round++) {
            long gcBefore = gcMillis();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long bytes0 = threads.getThreadAllocatedBytes(self);
            long start = System.nanoTime();
            long[] rows = {0};
            ReadSummary summary;
            try (BufferedReader in = Files.newBufferedReader(deck, StandardCharsets.UTF_8)) {
                DeckFormat format = DeckFormat.sniff(in).orElseThrow();
                summary = new DeckReader().read(in, format.defaultLayout(), row -> rows[0]++, rejection -> {
                    throw new IllegalStateException(rejection.toString());
                });
            }
            long read = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            long bytes1 = threads.getThreadAllocatedBytes(self);
            long gcMid = gcMillis();
            RateTable table = BenchDecks.load(deck, round);
            long indexed = System.nanoTime();
            long cpu2 = threads.getCurrentThreadCpuTime();
            long bytes2 = threads.getThreadAllocatedBytes(self);
            long gcAfter = gcMillis();
            System.out.printf("round %d: read+validate %d ms (thread CPU %d ms, %d MB allocated, GC %d ms; %d rows); "
                            + "read+validate+index %d ms (thread CPU %d ms, %d MB allocated, GC %d ms; %d rows)%n",
                    round, (read - start) / 1_000_000, (cpu1 - cpu0) / 1_000_000, (bytes1 - bytes0) >> 20,
                    gcMid - gcBefore, summary.rowsAccepted(), (indexed - read) / 1_000_000, (cpu2 - cpu1) / 1_000_000,
                    (bytes2 - bytes1) >> 20, gcAfter - gcMid, table.size());
        }
    }

    /** @return the collectors' accumulated collection time, ms */
    private static long gcMillis() {
        long total = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
