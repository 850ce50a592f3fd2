package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.replay.ReplaySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code switchboard replay}'s options: defaults, derived settings, and bad values named. */
class ReplayCommandTest {

    private static ReplaySettings parse(String... args) {
        ReplayCommand command = new ReplayCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void defaultsAndDerivedSettings() {
        ReplaySettings s = parse("--traffic", "calls.csv", "--decks", "decks", "--outage", "telnyx@60s+60s",
                "--outage", "wholesale-a@2m+30s");
        assertEquals(20.0, s.cps());
        assertEquals(0, s.limit());
        assertEquals(2, s.outages().size());
        assertEquals(Duration.ofSeconds(1), s.holdMin());
        assertEquals(Duration.ofSeconds(5), s.holdMax());
        assertEquals(3, s.referenceDurationS(), "LCR ranks for the mean hold time");
        assertEquals(300, s.ringMs());
        assertEquals(5, s.ringTimeoutS());
        assertEquals(5, s.busyPercent());
        ReplaySettings t = parse("--traffic", "c", "--decks", "d", "--cps", "50", "--limit", "200", "--duration", "2m",
                "--hold", "2s-90s", "--odds", "0,0,0");
        assertEquals(Duration.ofMinutes(2), t.duration());
        assertEquals(46, t.referenceDurationS());
    }

    @Test
    void badValuesNameTheOption() {
        for (String[] bad : new String[][] {{"--cps", "0"}, {"--limit", "-1"}, {"--hold", "5s"}, {"--hold", "5s-1s"},
                {"--hold", "500ms-2s"}, {"--odds", "50,50,50"}, {"--odds", "5,5"}, {"--odds", "a,b,c"},
                {"--outage", "telnyx"}, {"--duration", "soon"}}) {
            String[] args = {"--traffic", "c", "--decks", "d", bad[0], bad[1]};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args), String.join(" ", bad));
            assertTrue(e.getMessage().startsWith(bad[0] + ":"), e.getMessage());
        }
    }
}
