package io.switchboard.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay's inputs: outage specs, durations, deck folders and traffic files, and their errors. */
class ReplayInputsTest {

    @TempDir
    Path dir;

    @Test
    void outagesAndDurationsParseAndBadOnesNameTheOption() {
        OutageSpec o = OutageSpec.parse("telnyx@30s+60s");
        assertEquals("telnyx", o.carrier());
        assertEquals(Duration.ofSeconds(30), o.start());
        assertEquals(Duration.ofSeconds(90), o.end());
        assertEquals(Duration.ofMillis(1500), OutageSpec.parse("wholesale-b@1500ms+2m").start());
        assertEquals(Duration.ofMinutes(2), OutageSpec.parse("wholesale-b@1500ms+2m").length());
        assertEquals(Duration.ofSeconds(45), Durations.parse("--x", "45"));
        assertEquals(Duration.ofHours(1), Durations.parse("--x", "1h"));
        for (String bad : List.of("telnyx", "@30s+60s", "telnyx@30s", "telnyx@soon+60s", "telnyx@30s+0s", "telnyx@-1s+5s")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutageSpec.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--outage: "), e.getMessage());
        }
    }

    @Test
    void decksAreNamedCarrierServiceAndTrafficRowsAreE164() throws Exception {
        Files.writeString(dir.resolve("telnyx-voice.csv"), "prefix,rate\n");
        Files.writeString(dir.resolve("wholesale-a-voice.csv"), "prefix,rate\n");
        Files.writeString(dir.resolve("notes.txt"), "not a deck");
        List<DeckSet.Deck> decks = DeckSet.read(dir);
        assertEquals(List.of("telnyx", "wholesale-a"), decks.stream().map(DeckSet.Deck::carrier).toList());
        assertEquals("voice", decks.get(0).service());
        Files.writeString(dir.resolve("Rates 2026.csv"), "x\n");
        IllegalArgumentException named = assertThrows(IllegalArgumentException.class, () -> DeckSet.read(dir));
        assertTrue(named.getMessage().contains("Rates 2026.csv") && named.getMessage().startsWith("--decks: "));
        assertThrows(IllegalArgumentException.class, () -> DeckSet.read(dir.resolve("missing")));

        Path traffic = dir.resolve("calls.csv");
        Files.writeString(traffic, "to,service,region,type\n+442071838750,voice,GB,fixed\n+447700900123,sms,GB,mobile\n"
                + "+14155550123,voice,US,fixed\n+12025550100,voice,US,fixed\n");
        assertEquals(List.of("+442071838750", "+14155550123", "+12025550100"), TrafficFile.voiceNumbers(traffic, 0),
                "voice rows only, in order");
        assertEquals(List.of("+442071838750", "+14155550123"), TrafficFile.voiceNumbers(traffic, 2));
        Files.writeString(traffic, "to\n+442071838750\n0207 183 8750\n");
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class, () -> TrafficFile.voiceNumbers(traffic, 0));
        assertTrue(row.getMessage().contains("row 3") && row.getMessage().contains("0207 183 8750"), row.getMessage());
        Files.writeString(traffic, "number\n+442071838750\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrafficFile.voiceNumbers(traffic, 0)).getMessage()
                .contains("no 'to' column"));
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(50, ReplayReport.percentile(sorted, 0.50));
        assertEquals(99, ReplayReport.percentile(sorted, 0.99));
        assertEquals(7, ReplayReport.percentile(new long[] {7}, 0.99));
    }
}
