package io.switchboard.api.events;

import io.switchboard.contract.event.EventEnvelope;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One open WebSocket of {@code GET /v1/events}: its filter and the rule for a client that does
 * not keep up.
 *
 * <p>Live events are written only while the socket's write queue has room
 * ({@link ServerWebSocket#writeQueueFull()}, sized by {@code maxQueuedBytes}). When it is full the
 * client has fallen behind: nothing more is queued for it, it gets a {@code stream.lagged} frame
 * and is closed with status 1008 (policy violation, RFC 6455 section 7.4.1) and reason
 * {@code "fell behind"}; other sockets are not affected.
 *
 * <p>A replay ({@code last_event_id}) is written with back-pressure instead: up to the queue
 * limit, then the rest on the socket's drain; live events that arrive meanwhile wait behind it. If
 * more than {@code maxPendingEvents} wait, the client is lagged too.
 *
 * <p>Confined to the {@link EventStreamApi}'s context: every method must be called there.
 */
final class EventSubscriber {

    /** RFC 6455 section 7.4.1: policy violation. */
    static final short POLICY_VIOLATION = 1008;
    /** RFC 6455 section 7.4.1: going away (server shutting down). */
    static final short GOING_AWAY = 1001;
    /** Close reason of a lagging client. */
    static final String FELL_BEHIND = "fell behind";

    private final ServerWebSocket socket;
    private final EventFilter filter;
    private final int maxQueuedBytes;
    private final int maxPendingEvents;
    private final Runnable onLagged;
    /** Frames not written yet (a replay, then live events behind it); empty in live mode. */
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param socket the accepted socket, its write queue limit already set
     * @param filter what the client receives
     * @param maxQueuedBytes the socket's write queue limit, reported in {@code stream.lagged}
     * @param maxPendingEvents how many frames may wait behind a replay before the client is lagged
     * @param onLagged called once, on this context, when the client is closed for falling behind
     */
    EventSubscriber(ServerWebSocket socket, EventFilter filter, int maxQueuedBytes, int maxPendingEvents,
            Runnable onLagged) {
        this.socket = socket;
        this.filter = filter;
        this.maxQueuedBytes = maxQueuedBytes;
        this.maxPendingEvents = maxPendingEvents;
        this.onLagged = onLagged;
    }

    EventFilter filter() {
        return filter;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Starts the stream: {@code stream.opened}, then the replay if any.
     *
     * @param replay the buffered events after the client's {@code last_event_id} (filtered here),
     *     or null for none
     * @param reset whether to send {@code stream.reset} (the id was unknown or too old)
     * @param drainOnContext wraps the socket's drain callback so that it runs on this context
     */
    void open(List<EventEnvelope> replay, boolean reset, java.util.function.Consumer<Runnable> drainOnContext) {
        socket.writeTextMessage(StreamFrames.opened(filter));
        if (reset) {
            socket.writeTextMessage(StreamFrames.reset());
        }
        if (replay != null) {
            for (EventEnvelope event : replay) {
                if (filter.matches(event)) {
                    pending.add(StreamFrames.event(event));
                }
            }
            socket.drainHandler(v -> drainOnContext.accept(this::drain));
            drain();
        }
    }

    /**
     * Delivers a live event that matches the filter, or lags the client if it cannot take it.
     *
     * @param json the event's frame ({@link StreamFrames#event}), serialized once for all sockets
     */
    void deliver(String json) {
        if (closed) {
            return;
        }
        if (!pending.isEmpty()) {
            pending.add(json);
            if (pending.size() > maxPendingEvents) {
                lag();
            }
            return;
        }
        if (socket.writeQueueFull()) {
            lag();
            return;
        }
        socket.writeTextMessage(json);
    }

    /** Closes with {@code status}; no more frames are written. */
    void close(short status, String reason) {
        if (!closed) {
            closed = true;
            pending.clear();
            socket.close(status, reason);
        }
    }

    /** The socket closed (either side); drops what was waiting. */
    void closedByPeer() {
        closed = true;
        pending.clear();
    }

    private void drain() {
        while (!closed && !pending.isEmpty() && !socket.writeQueueFull()) {
            socket.writeTextMessage(pending.poll());
        }
    }

    private void lag() {
        // The queue is full, but one small frame more is cheap and tells the client why.
        socket.writeTextMessage(StreamFrames.lagged(maxQueuedBytes));
        close(POLICY_VIOLATION, FELL_BEHIND);
        onLagged.run();
    }
}
