package io.switchboard.replay;

import java.time.Duration;

/**
 * One {@code --outage CARRIER@T+DURATION} of a replay: carrier {@code carrier} is in full outage
 * from {@code start} after the first call is placed, for {@code length}.
 *
 * @param carrier the carrier id (a sandbox carrier or a replayed SIP trunk)
 * @param start offset from the start of traffic
 * @param length how long the outage lasts
 */
public record OutageSpec(String carrier, Duration start, Duration length) {

    /**
     * @param text {@code carrier@start+length}, e.g. {@code telnyx@30s+60s}
     * @return the outage
     * @throws IllegalArgumentException {@code "--outage: ..."} naming what is wrong
     */
    public static OutageSpec parse(String text) {
        int at = text == null ? -1 : text.indexOf('@');
        int plus = at < 0 ? -1 : text.indexOf('+', at);
        if (at <= 0 || plus < 0) {
            throw new IllegalArgumentException("--outage: expected CARRIER@START+DURATION such as telnyx@30s+60s, got '"
                    + text + "'");
        }
        Duration length = Durations.parse("--outage", text.substring(plus + 1));
        if (length.isZero()) {
            throw new IllegalArgumentException("--outage: the duration must be above 0 in '" + text + "'");
        }
        return new OutageSpec(text.substring(0, at).trim(), Durations.parse("--outage", text.substring(at + 1, plus)), length);
    }

    /** @return the end offset */
    public Duration end() {
        return start.plus(length);
    }

    @Override
    public String toString() {
        return carrier + "@" + start.toMillis() + "ms+" + length.toMillis() + "ms";
    }
}
