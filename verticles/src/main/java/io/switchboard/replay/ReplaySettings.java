package io.switchboard.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one replay does.
 *
 * @param traffic the traffic CSV ({@link TrafficFile})
 * @param decks the deck folder ({@link DeckSet})
 * @param cps calls placed per second (above 0)
 * @param limit most calls to place (0: the whole file)
 * @param duration longest time to place calls (null: until the file or the limit is exhausted)
 * @param outages the outages to inject
 * @param holdMin shortest answered call
 * @param holdMax longest answered call
 * @param ringMs ring time of every call before its outcome, ms
 * @param busyPercent share of calls the callee's line is busy, percent (sandbox carriers and trunks alike)
 * @param noAnswerPercent share nobody answers, percent
 * @param failedPercent share that fail after ringing (SIP 503 after 180), percent
 * @param dataDir data folder of the embedded node (PostgreSQL, journal, secrets key)
 * @param outDir folder the JSON and HTML reports are written to
 * @param join keep the cluster settings of the configuration (join an existing cluster) instead of a
 *     private cluster of one
 * @param httpPort public API port of the embedded node (0: any free port)
 */
public record ReplaySettings(Path traffic, Path decks, double cps, int limit, Duration duration,
                             List<OutageSpec> outages, Duration holdMin, Duration holdMax, long ringMs,
                             int busyPercent, int noAnswerPercent, int failedPercent, Path dataDir, Path outDir,
                             boolean join, int httpPort) {

    /**
     * @return the ring timeout each call is placed with (the {@code timeout} field of
     *     {@code POST /v1/calls}), s: the ring time plus a margin, at least 5 s
     */
    public int ringTimeoutS() {
        return (int) Math.max(5, (ringMs + 999) / 1000 + 4);
    }

    /**
     * @return the call length the router's LCR estimates costs for
     *     ({@code router.reference-duration-s}): the mean hold time, rounded up, s
     */
    public int referenceDurationS() {
        long meanMs = (holdMin.toMillis() + holdMax.toMillis()) / 2;
        return (int) Math.max(1, (meanMs + 999) / 1000);
    }
}
