package io.switchboard.sip.protect;

import io.switchboard.sip.trunk.SipTrunk;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls in progress and new calls per second on each trunk, against the trunk's
 * {@code maxConcurrent} and {@code cps} limits; a full trunk is skipped and the next candidate is
 * tried. Confined to the edge's context thread (not thread-safe).
 */
public final class TrunkLoad {

    private static final class Counters {
        int active;
        long windowStart;
        int started;
    }

    private final Map<String, Counters> counters = new HashMap<>();

    /**
     * Takes one call slot if the trunk has room.
     *
     * @param trunk the trunk
     * @param nowMs current time, ms
     * @return true if the call may be sent (then {@link #release} must follow once it ends)
     */
    public boolean tryAcquire(SipTrunk trunk, long nowMs) {
        Counters c = counters.computeIfAbsent(trunk.id(), id -> new Counters());
        if (trunk.maxConcurrent() > 0 && c.active >= trunk.maxConcurrent()) {
            return false;
        }
        if (trunk.cps() > 0) {
            if (nowMs - c.windowStart >= 1000) {
                c.windowStart = nowMs;
                c.started = 0;
            }
            if (c.started >= trunk.cps()) {
                return false;
            }
            c.started++;
        }
        c.active++;
        return true;
    }

    /** @param trunkId a trunk whose call ended (or whose branch failed) */
    public void release(String trunkId) {
        Counters c = counters.get(trunkId);
        if (c != null && c.active > 0) {
            c.active--;
        }
    }

    /** @return calls in progress on the trunk */
    public int active(String trunkId) {
        Counters c = counters.get(trunkId);
        return c == null ? 0 : c.active;
    }
}
