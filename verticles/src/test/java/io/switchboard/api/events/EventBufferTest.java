package io.switchboard.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-07-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static List<EventEnvelope> events(int n) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(EventEnvelope.of(EventTypes.CALL_RINGING, Instant.EPOCH, "acme", Map.of("n", i)));
        }
        return events;
    }

    @Test
    void afterReturnsExactlyTheLaterEventsInOrder() {
        EventBuffer buffer = new EventBuffer(Duration.ofMinutes(5), 100, new ManualClock());
        List<EventEnvelope> events = events(10);
        events.forEach(buffer::append);
        assertEquals(events.subList(4, 10), buffer.after(events.get(3).id()).orElseThrow());
        assertEquals(List.of(), buffer.after(events.get(9).id()).orElseThrow());
        assertTrue(buffer.after("no-such-id").isEmpty());
    }

    @Test
    void sizeLimitDropsTheOldestAcrossTheRingBoundary() {
        EventBuffer buffer = new EventBuffer(Duration.ofMinutes(5), 5, new ManualClock());
        List<EventEnvelope> events = events(13);
        events.forEach(buffer::append);
        assertEquals(5, buffer.size());
        assertTrue(buffer.after(events.get(7).id()).isEmpty(), "dropped by size");
        assertEquals(events.subList(9, 13), buffer.after(events.get(8).id()).orElseThrow());
        assertEquals(events.subList(12, 13), buffer.after(events.get(11).id()).orElseThrow());
    }

    @Test
    void timeLimitDropsEventsOlderThanTheRetention() {
        ManualClock clock = new ManualClock();
        EventBuffer buffer = new EventBuffer(Duration.ofSeconds(60), 100, clock);
        List<EventEnvelope> events = events(4);
        buffer.append(events.get(0));
        buffer.append(events.get(1));
        clock.advance(Duration.ofSeconds(30));
        buffer.append(events.get(2));
        buffer.append(events.get(3));
        clock.advance(Duration.ofMillis(29_999));
        assertEquals(events.subList(1, 4), buffer.after(events.get(0).id()).orElseThrow(), "59.999 s: still there");
        clock.advance(Duration.ofMillis(1));
        assertTrue(buffer.after(events.get(0).id()).isEmpty(), "60 s: aged out");
        assertTrue(buffer.after(events.get(1).id()).isEmpty());
        assertEquals(events.subList(3, 4), buffer.after(events.get(2).id()).orElseThrow());
        assertEquals(2, buffer.size());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0, buffer.size());
        assertTrue(buffer.after(events.get(3).id()).isEmpty());
    }

    @Test
    void duplicateIdIsKeptOnce() {
        EventBuffer buffer = new EventBuffer(Duration.ofMinutes(5), 10, new ManualClock());
        List<EventEnvelope> events = events(3);
        events.forEach(buffer::append);
        buffer.append(events.get(1));
        assertEquals(3, buffer.size());
        assertEquals(events.subList(2, 3), buffer.after(events.get(1).id()).orElseThrow());
    }

    @Test
    void badLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new EventBuffer(Duration.ZERO, 10, Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class, () -> new EventBuffer(Duration.ofSeconds(-1), 10, Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class, () -> new EventBuffer(Duration.ofSeconds(1), 0, Clock.systemUTC()));
    }

    @Test
    void defaultsAreFiveMinutesAndFiftyThousand() {
        assertEquals(Duration.ofMinutes(5), EventBuffer.DEFAULT_RETENTION);
        assertEquals(50_000, EventBuffer.DEFAULT_MAX_EVENTS);
        assertEquals(0, new EventBuffer().size());
    }
}
