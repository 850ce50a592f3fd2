package io.switchboard.replay;

import java.io.PrintStream;

/**
 * The replay's progress bar on standard error: calls placed (of the total), answered, failed
 * over, failed, the achieved rate and the time left. Placed and refused come from the player;
 * answered, failed over and failed from the run's finished calls in PostgreSQL. On a terminal the
 * line is redrawn in place every second; otherwise (a log file) a line is written every 10 s.
 */
final class ProgressLine {

    private static final int WIDTH = 24;

    private final PrintStream err;
    private final int total;
    private final double cps;
    private final TrafficPlayer player;
    private final ReplayQueries queries;
    private final String runId;
    private final long startNanos;
    private final boolean terminal = System.console() != null;
    private int ticks;

    ProgressLine(PrintStream err, int total, double cps, TrafficPlayer player, ReplayQueries queries, String runId,
                 long startNanos) {
        this.err = err;
        this.total = total;
        this.cps = cps;
        this.player = player;
        this.queries = queries;
        this.runId = runId;
        this.startNanos = startNanos;
    }

    /** Prints the line (never throws: a failed database read shows as '?'). */
    synchronized void print() {
        ticks++;
        if (!terminal && ticks % 10 != 0) {
            return;
        }
        long placed = player.placed();
        String answered = "?";
        String failedOver = "?";
        String failed = "?";
        try {
            long[] p = queries.progress(runId);
            answered = String.valueOf(p[2]);
            failedOver = String.valueOf(p[3]);
            failed = String.valueOf(p[4] + player.refused());
        } catch (RuntimeException e) {
            // shown as '?'
        }
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        double rate = placed / seconds;
        long left = Math.max(0, (long) Math.ceil((total - placed) / cps));
        int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * placed / total);
        String line = String.format("[%s%s] %d/%d placed  %s answered  %s failed over  %s failed  %.1f cps  ETA %dm%02ds",
                "#".repeat(filled), "-".repeat(WIDTH - filled), placed, total, answered, failedOver, failed, rate,
                left / 60, left % 60);
        if (terminal) {
            err.print("\r" + line + "   ");
        } else {
            err.println(line);
        }
        err.flush();
    }
}
