package io.switchboard.api.events;

import io.switchboard.contract.event.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * This node's retention of recent events, so that a client of {@code GET /v1/events} can resume
 * after the last event id it saw.
 *
 * <p>A ring of at most {@code maxEvents} events, each kept for {@code retention} after it was
 * appended (the node's clock, not the event's {@code occurred_at}): whichever limit is hit first
 * drops the oldest events. Ids are looked up in a hash map, so {@link #after} costs the number of
 * events it returns.
 *
 * <p>Not thread-safe: use one instance from one thread, the event loop of the verticle that owns
 * it ({@link EventStreamApi} appends and reads on its own context only).
 */
public final class EventBuffer {

    /** Default retention: 5 minutes. */
    public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(5);
    /** Default size limit: 50,000 events. */
    public static final int DEFAULT_MAX_EVENTS = 50_000;

    private final Clock clock;
    private final long retentionMs;
    private final EventEnvelope[] events;
    private final long[] appendedAtMs;
    private final Map<String, Long> sequenceOfId = new HashMap<>();
    /** Sequence number of the oldest retained event; the slot of sequence s is s % capacity. */
    private long first;
    /** Sequence number the next appended event gets. */
    private long next;

    /** A buffer with the defaults (5 minutes, 50,000 events) on the UTC system clock. */
    public EventBuffer() {
        this(DEFAULT_RETENTION, DEFAULT_MAX_EVENTS, Clock.systemUTC());
    }

    /**
     * @param retention how long an event is kept after it was appended; positive
     * @param maxEvents how many events are kept at most; positive
     * @param clock the clock of the retention window (tests inject a fixed or moving one)
     * @throws IllegalArgumentException if {@code retention} or {@code maxEvents} is not positive
     */
    public EventBuffer(Duration retention, int maxEvents, Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        if (maxEvents <= 0) {
            throw new IllegalArgumentException("maxEvents must be positive, got " + maxEvents);
        }
        this.retentionMs = retention.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = new EventEnvelope[maxEvents];
        this.appendedAtMs = new long[maxEvents];
    }

    /**
     * Keeps an event, dropping the oldest if the buffer is full or events have aged out. An id
     * appended twice (a duplicate publish) is kept once, at its first position.
     *
     * @param event the event
     */
    public void append(EventEnvelope event) {
        long now = clock.millis();
        expire(now);
        if (sequenceOfId.containsKey(event.id())) {
            return;
        }
        if (next - first == events.length) {
            dropOldest();
        }
        int slot = slot(next);
        events[slot] = event;
        appendedAtMs[slot] = now;
        sequenceOfId.put(event.id(), next);
        next++;
    }

    /**
     * The events appended after {@code eventId}, oldest first.
     *
     * @param eventId the id of the last event a client saw
     * @return the events after it (an empty list if it is the newest), or an empty Optional if
     *     the id is unknown here or has left the retention window; the client must then re-sync
     */
    public Optional<List<EventEnvelope>> after(String eventId) {
        expire(clock.millis());
        Long sequence = sequenceOfId.get(eventId);
        if (sequence == null) {
            return Optional.empty();
        }
        List<EventEnvelope> newer = new ArrayList<>((int) (next - sequence - 1));
        for (long s = sequence + 1; s < next; s++) {
            newer.add(events[slot(s)]);
        }
        return Optional.of(newer);
    }

    /** @return how many events are retained now (after dropping those aged out) */
    public int size() {
        expire(clock.millis());
        return (int) (next - first);
    }

    private void expire(long nowMs) {
        while (first < next && appendedAtMs[slot(first)] <= nowMs - retentionMs) {
            dropOldest();
        }
    }

    private void dropOldest() {
        int slot = slot(first);
        sequenceOfId.remove(events[slot].id());
        events[slot] = null;
        first++;
    }

    private int slot(long sequence) {
        return (int) (sequence % events.length);
    }
}
