package io.switchboard.sip.protect;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flood limit per source IP address: at most {@code limitPerSecond} requests in any one-second
 * window (fixed windows); a source that exceeds it is banned for {@code banMs} and its requests are
 * dropped without an answer (no state, no response: a flood must not cost the edge a transaction).
 * Responses are never counted. Thread-safe: called on JAIN-SIP's receiving threads.
 */
public final class FloodGuard {

    private final int limitPerSecond;
    private final long banMs;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long start;
        int count;
        long bannedUntil;
    }

    /**
     * @param limitPerSecond requests per second allowed per source; 0 turns the guard off
     * @param banMs how long a source that exceeded it is dropped, ms
     */
    public FloodGuard(int limitPerSecond, long banMs) {
        this.limitPerSecond = limitPerSecond;
        this.banMs = banMs;
    }

    /**
     * Counts one request.
     *
     * @param source its source address
     * @param nowMs the current time, ms (epoch or monotonic, consistently)
     * @return whether it may be processed; false when the source is (now) banned
     */
    public boolean admit(InetAddress source, long nowMs) {
        if (limitPerSecond <= 0 || source == null) {
            return true;
        }
        Window w = windows.computeIfAbsent(source, s -> new Window());
        synchronized (w) {
            if (nowMs < w.bannedUntil) {
                return false;
            }
            if (nowMs - w.start >= 1000) {
                w.start = nowMs;
                w.count = 0;
            }
            if (++w.count > limitPerSecond) {
                w.bannedUntil = nowMs + banMs;
                return false;
            }
            return true;
        }
    }

    /**
     * @param source a source
     * @param nowMs the current time, ms
     * @return whether it is banned now
     */
    public boolean banned(InetAddress source, long nowMs) {
        Window w = windows.get(source);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            return nowMs < w.bannedUntil;
        }
    }

    /**
     * Forgets sources neither banned nor seen in the last second (call it periodically).
     *
     * @param nowMs the current time, ms
     */
    public void purge(long nowMs) {
        windows.entrySet().removeIf(e -> {
            Window w = e.getValue();
            synchronized (w) {
                return nowMs >= w.bannedUntil && nowMs - w.start >= 1000;
            }
        });
    }
}
