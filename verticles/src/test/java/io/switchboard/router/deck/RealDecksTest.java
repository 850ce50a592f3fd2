package io.switchboard.router.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads the full decks of {@code ../shared/data/decks} when they are present (skipped otherwise:
 * the build does not depend on them) and checks the counts of {@code shared/data/README.md}.
 */
class RealDecksTest {

    private static final Path DECKS = Path.of("/work/shared/data/decks");

    private static Path deck(String name) {
        Path p = DECKS.resolve(name);
        Assumptions.assumeTrue(Files.isReadable(p), "deck not present: " + p);
        return p;
    }

    /** Data lines counted without any CSV parsing: every non-empty line after the header. */
    private static long dataLines(Path p) throws IOException {
        try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
            return lines.skip(1).filter(l -> !l.isEmpty()).count();
        }
    }

    private record Outcome(ReadSummary summary, long withUntil, Set<String> prefixesSample) {
    }

    private static Outcome read(Path p, DeckLayout layout) throws IOException {
        List<RowRejection> rejections = new ArrayList<>();
        AtomicLong withUntil = new AtomicLong();
        Set<String> sample = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            ReadSummary s = new DeckReader().read(in, layout, row -> {
                if (row.effectiveUntil() != null) {
                    withUntil.incrementAndGet();
                }
                if (row.prefix().length() <= 2) {
                    sample.add(row.prefix());
                }
            }, rejections::add);
            assertEquals(List.of(), rejections.stream().limit(5).map(RowRejection::message).toList(), p.toString());
            return new Outcome(s, withUntil.get(), sample);
        }
    }

    private static void assertAz(String name, long readmeRows) throws IOException {
        Path p = deck(name);
        Outcome o = read(p, new AzLayout());
        assertEquals(readmeRows, o.summary().rowsAccepted(), name);
        assertEquals(dataLines(p), o.summary().rowsAccepted(), name);
        assertEquals(0, o.summary().rowsRejected(), name);
        assertEquals("USD", o.summary().currency(), name);
        assertTrue(o.prefixesSample().contains("1"), name);
    }

    @Test
    void wholesaleA() throws IOException {
        Path p = deck("wholesale-a-voice.csv");
        Outcome o = read(p, new AzLayout());
        assertEquals(298_513, o.summary().rowsAccepted()); // README: 298,513 rows
        assertEquals(298_514, o.summary().linesRead());
        assertEquals(1, o.summary().linesSkipped());
        long expiring;
        try (Stream<String> lines = Files.lines(p)) {
            expiring = lines.filter(l -> l.contains(",2026-12-31,")).count();
        }
        assertTrue(expiring > 0, "README: a few prefixes expire on 2026-12-31");
        assertEquals(expiring, o.withUntil());
    }

    @Test
    void telnyx() throws IOException {
        assertAz("telnyx-voice.csv", 31_392); // README: 31k
    }

    @Test
    void plivo() throws IOException {
        assertAz("plivo-voice.csv", 31_223); // README: 31k
    }

    @Test
    void wholesaleB() throws IOException {
        assertAz("wholesale-b-voice.csv", 16_216); // README: 16k
    }

    @Test
    void bandwidth() throws IOException {
        assertAz("bandwidth-voice.csv", 427); // README: 427
    }

    @Test
    void twilio() throws IOException {
        Path p = deck("twilio-voice.csv");
        // Count prefixes another way: the last cell is a quoted list, so prefixes = commas in it + 1.
        long rows = 0;
        long prefixes = 0;
        try (Stream<String> lines = Files.lines(p)) {
            for (String line : (Iterable<String>) lines.skip(1)::iterator) {
                String list = line.substring(line.lastIndexOf(",\"") + 2);
                rows++;
                prefixes += list.chars().filter(c -> c == ',').count() + 1;
            }
        }
        assertEquals(10_237, rows); // README: 10,237 rows
        Outcome o = read(p, new TwilioPriceListLayout());
        assertEquals(prefixes, o.summary().rowsAccepted());
        assertEquals(29_176, o.summary().rowsAccepted());
        assertEquals(10_238, o.summary().linesRead());
        assertEquals("USD", o.summary().currency());
    }

    @Test
    void everyDeckIsDetectedFromItsHeader() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DECKS), "decks not present");
        try (Stream<Path> files = Files.list(DECKS)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".csv"))::iterator) {
                try (BufferedReader in = Files.newBufferedReader(p)) {
                    DeckFormat expected = p.getFileName().toString().startsWith("twilio") ? DeckFormat.TWILIO : DeckFormat.AZ;
                    assertEquals(expected, DeckFormat.sniff(in).orElseThrow(), p.toString());
                }
            }
        }
    }
}
