package io.switchboard.sip.probe;

import java.util.Set;

/**
 * The OPTIONS prober's policy (issue 5: defaults 30 s, down after 3 failures, up after 2 successes).
 *
 * @param intervalMs time between two probes of one trunk, ms
 * @param timeoutMs how long a probe waits for a final response, ms
 * @param downAfter consecutive failures that mark an up trunk down
 * @param upAfter consecutive successes that mark a down trunk up
 * @param aliveCodes final response codes that count as alive (others, timeouts, transport and DNS
 *     errors count as failures)
 */
public record ProbeSettings(long intervalMs, long timeoutMs, int downAfter, int upAfter, Set<Integer> aliveCodes) {

    /** Validates and copies. */
    public ProbeSettings {
        if (intervalMs <= 0 || timeoutMs <= 0 || downAfter < 1 || upAfter < 1) {
            throw new IllegalArgumentException("prober: interval and timeout > 0, down-after and up-after >= 1");
        }
        aliveCodes = Set.copyOf(aliveCodes);
    }
}
