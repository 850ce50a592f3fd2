package io.switchboard.router.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckRow;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link RateTable} lookups against a brute-force scan of every row (startsWith, keep
 * the longest effective; same prefix: latest effectiveFrom; closed blocks), on a synthetic deck
 * (always) and on the real A–Z decks of {@code ../shared/data} (when present).
 */
class RateTablePropertyTest {

    static final Currency USD = Currency.getInstance("USD");
    static final String[] AZ_DECKS = {"wholesale-a-voice.csv", "wholesale-b-voice.csv",
        "telnyx-voice.csv", "plivo-voice.csv", "bandwidth-voice.csv"};

    // ------------------------------------------------------------------ brute force

    /** Rows in scan-friendly arrays, bucketed by first digit (the scan is still linear). */
    static final class BruteForce {
        final List<List<DeckRow>> byFirstDigit = new ArrayList<>();

        BruteForce(List<DeckRow> rows) {
            for (int d = 0; d < 10; d++) {
                byFirstDigit.add(new ArrayList<>());
            }
            for (DeckRow r : rows) {
                byFirstDigit.get(r.prefix().charAt(0) - '0').add(r);
            }
        }

        /** @return every row whose prefix starts the number (any time), by a linear scan */
        List<DeckRow> candidates(String number) {
            int end = 0;
            while (end < number.length() && number.charAt(end) >= '0'
                    && number.charAt(end) <= '9') {
                end++;
            }
            String digits = number.substring(0, end);
            List<DeckRow> found = new ArrayList<>();
            if (digits.isEmpty()) {
                return found;
            }
            for (DeckRow r : byFirstDigit.get(digits.charAt(0) - '0')) {
                if (digits.startsWith(r.prefix())) {
                    found.add(r);
                }
            }
            return found;
        }

        /** @return the row that applies at t among the candidates, closed or not, or null */
        static DeckRow find(List<DeckRow> candidates, long t) {
            DeckRow best = null;
            for (DeckRow r : candidates) {
                if (!effective(r, t)) {
                    continue;
                }
                if (best == null || r.prefix().length() > best.prefix().length()
                        || (r.prefix().length() == best.prefix().length()
                                && from(r) > from(best))) {
                    best = r;
                }
            }
            return best;
        }

        static int longestAnyTime(List<DeckRow> candidates) {
            int best = 0;
            for (DeckRow r : candidates) {
                best = Math.max(best, r.prefix().length());
            }
            return best;
        }

        static long from(DeckRow r) {
            return r.effectiveFrom() == null ? Long.MIN_VALUE : r.effectiveFrom().getEpochSecond();
        }

        static boolean effective(DeckRow r, long t) {
            return (r.effectiveFrom() == null || r.effectiveFrom().getEpochSecond() <= t)
                    && (r.effectiveUntil() == null || t < r.effectiveUntil().getEpochSecond());
        }
    }

    /** Counts, so that a vacuous run (nothing matched, nothing closed) fails. */
    static final class Stats {
        int cases;
        int matched;
        int closed;
        int none;
        int timeFallback;
    }

    private static void check(RateTable table, List<DeckRow> candidates, String number, long t,
            Stats stats) {
        DeckRow expected = BruteForce.find(candidates, t);
        int row = table.findRow(number, t);
        String ctx = "number " + number + " at " + Instant.ofEpochSecond(t);
        stats.cases++;
        if (expected == null) {
            stats.none++;
            assertEquals(RateTable.NO_ROW, row, ctx);
            assertNull(table.lookup(number, t), ctx);
            assertEquals(-1, table.longestMatchLength(number, t), ctx);
            return;
        }
        stats.matched++;
        if (expected.closed()) {
            stats.closed++;
        }
        if (expected.prefix().length() < BruteForce.longestAnyTime(candidates)) {
            stats.timeFallback++;
        }
        assertTrue(row >= 0, ctx + ": expected row " + expected.rowNumber());
        assertEquals(expected.rowNumber(), table.rowNumber(row), ctx);
        assertEquals(expected.closed(), table.isClosed(row), ctx);
        assertEquals(!expected.closed(), table.covers(number, t), ctx);
        assertEquals(expected.prefix().length(), table.longestMatchLength(number, t), ctx);
        if (stats.cases % 7 == 0) { // the allocating path too, on a subset
            RateMatch m = table.lookup(number, t);
            assertNotNull(m, ctx);
            assertEquals(expected.prefix(), m.matchedPrefix(), ctx);
            assertEquals(0, expected.rate().compareTo(m.rate()), ctx);
            assertEquals(0, expected.connectFee().compareTo(m.connectFee()), ctx);
            assertEquals(expected.destination(), m.destination(), ctx);
            assertEquals(expected.closed(), m.closed(), ctx);
            assertEquals(expected.initialIncrement(), m.initialIncrement(), ctx);
        }
    }

    // ------------------------------------------------------------------ synthetic deck

    @Test
    void syntheticDeckAgreesWithBruteForce() {
        Random rnd = new Random(20260101L);
        long base = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long[] instants = new long[6];
        for (int i = 0; i < instants.length; i++) {
            instants[i] = base + i * 86_400L * 30;
        }
        List<String> prefixes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (prefixes.size() < 4000) {
            String p;
            if (prefixes.isEmpty() || rnd.nextInt(3) == 0) {
                p = PrefixTrieTest.digits(rnd, 1 + rnd.nextInt(3));
            } else { // extend an existing prefix: nesting is what LPM is about
                String parent = prefixes.get(rnd.nextInt(prefixes.size()));
                p = parent + PrefixTrieTest.digits(rnd, 1 + rnd.nextInt(4));
                if (p.length() > 16) {
                    continue;
                }
            }
            if (seen.add(p)) {
                prefixes.add(p);
            }
        }
        List<DeckRow> rows = new ArrayList<>();
        long rowNo = 0;
        for (String p : prefixes) {
            int periods = 1 + (rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0);
            Set<Long> froms = new HashSet<>();
            for (int k = 0; k < periods; k++) {
                int fi = rnd.nextInt(instants.length + 1) - 1; // -1: open
                long from = fi < 0 ? Long.MIN_VALUE : instants[fi];
                if (!froms.add(from)) {
                    continue; // same prefix and same from: refused by design
                }
                Instant until = null;
                if (rnd.nextInt(3) == 0 && fi < instants.length - 1) {
                    until = Instant.ofEpochSecond(
                            instants[fi + 1 + rnd.nextInt(instants.length - fi - 1)]);
                }
                boolean closed = rnd.nextInt(10) == 0;
                long rate = closed ? 0 : rnd.nextInt(1_000_000);
                int initial = new int[] {1, 6, 60}[rnd.nextInt(3)];
                rows.add(new DeckRow(++rowNo, p, "D" + (p.length() > 3 ? p.substring(0, 3) : p),
                        BigDecimal.valueOf(rate, 6), BigDecimal.valueOf(rnd.nextInt(2000), 6),
                        initial, initial == 60 ? 1 : initial,
                        fi < 0 ? null : Instant.ofEpochSecond(from), until, "USD", closed));
            }
        }
        Collections.shuffle(rows, rnd); // the builder must not depend on input order
        RateTable table = RateTable.of("synthetic", Service.VOICE, 1, USD, rows);
        assertEquals(rows.size(), table.size());
        assertEquals(prefixes.size(), table.prefixCount());
        BruteForce brute = new BruteForce(rows);

        Stats stats = new Stats();
        char[] junk = {'+', ' ', '-', 'a', '/', ':', '#'};
        for (int i = 0; i < 30_000; i++) {
            String number;
            switch (rnd.nextInt(4)) {
                case 0, 1 -> {
                    String p = prefixes.get(rnd.nextInt(prefixes.size()));
                    number = p + PrefixTrieTest.digits(rnd, rnd.nextInt(9));
                    if (number.length() > 15) {
                        number = number.substring(0, 1 + rnd.nextInt(15));
                    }
                }
                case 2 -> number = PrefixTrieTest.digits(rnd, 1 + rnd.nextInt(15));
                default -> {
                    String p = prefixes.get(rnd.nextInt(prefixes.size()))
                            + PrefixTrieTest.digits(rnd, 1 + rnd.nextInt(5));
                    int at = rnd.nextInt(p.length() + 1);
                    number = p.substring(0, at) + junk[rnd.nextInt(junk.length)]
                            + p.substring(at);
                }
            }
            long t = switch (rnd.nextInt(4)) {
                case 0 -> instants[rnd.nextInt(instants.length)];
                case 1 -> instants[rnd.nextInt(instants.length)] - 1;
                case 2 -> base - 86_400L * 365 + (long) (rnd.nextDouble() * 86_400L * 365 * 2);
                default -> instants[rnd.nextInt(instants.length)] + rnd.nextInt(86_400 * 30);
            };
            check(table, brute.candidates(number), number, t, stats);
        }
        assertTrue(stats.matched > 10_000, "matched " + stats.matched);
        assertTrue(stats.none > 1_000, "none " + stats.none);
        assertTrue(stats.closed > 500, "closed " + stats.closed);
        assertTrue(stats.timeFallback > 1_000, "time fallbacks " + stats.timeFallback);
    }

    // ------------------------------------------------------------------ real decks

    static Path dataDir() {
        String prop = System.getProperty("switchboard.data");
        List<Path> candidates = new ArrayList<>();
        if (prop != null) {
            candidates.add(Path.of(prop));
        }
        candidates.add(Path.of("../../shared/data"));
        candidates.add(Path.of("../shared/data"));
        candidates.add(Path.of("/work/shared/data"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("decks"))) {
                return p;
            }
        }
        return null;
    }

    /** Parses the A–Z layout (dates are UTC days; until is the exclusive instant). */
    static List<DeckRow> readAz(Path file) throws IOException {
        List<DeckRow> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file); CSVParser parser = format.parse(in)) {
            for (CSVRecord r : parser) {
                rows.add(new DeckRow(r.getRecordNumber() + 1, r.get("prefix"), r.get("destination"),
                        new BigDecimal(r.get("rate_per_min")), new BigDecimal(r.get("connect_fee")),
                        Integer.parseInt(r.get("initial_increment_s")),
                        Integer.parseInt(r.get("next_increment_s")), day(r.get("effective_from")),
                        day(r.get("effective_until")), r.get("currency"), false));
            }
        }
        return rows;
    }

    private static final Map<String, Instant> DAYS = new ConcurrentHashMap<>();

    private static Instant day(String s) {
        return s.isBlank() ? null : DAYS.computeIfAbsent(s.trim(),
                d -> LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static List<String> callNumbers(Path data) throws IOException {
        Path calls = data.resolve("traffic/calls.csv");
        List<String> numbers = new ArrayList<>();
        if (!Files.exists(calls)) {
            return numbers;
        }
        try (Reader in = Files.newBufferedReader(calls);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .get().parse(in)) {
            for (CSVRecord r : parser) {
                String to = r.get(0);
                numbers.add(to.startsWith("+") ? to.substring(1) : to);
            }
        }
        return numbers;
    }

    @Test
    void realDecksAgreeWithBruteForce() throws IOException {
        Path data = dataDir();
        assumeTrue(data != null, "../shared/data/decks not found; skipped");
        List<String> calls = callNumbers(data);
        Random rnd = new Random(42);
        long[] times = {
            Instant.parse("2025-12-31T23:59:59Z").getEpochSecond(), // before every deck
            Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("2026-07-01T09:30:00Z").getEpochSecond(),
            Instant.parse("2026-12-30T23:59:59Z").getEpochSecond(),
            Instant.parse("2026-12-31T00:00:00Z").getEpochSecond(), // some rows expire
            Instant.parse("2027-06-01T00:00:00Z").getEpochSecond(),
        };
        int decks = 0;
        Stats total = new Stats();
        for (String name : AZ_DECKS) {
            Path file = data.resolve("decks").resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            decks++;
            List<DeckRow> rows = readAz(file);
            RateTable table = RateTable.of(name, Service.VOICE, 1, USD, rows);
            assertEquals(rows.size(), table.size(), name);
            BruteForce brute = new BruteForce(rows);
            boolean big = rows.size() > 100_000;
            List<String> numbers = new ArrayList<>();
            for (int i = 0, n = big ? 1_200 : 3_000; i < n && !calls.isEmpty(); i++) {
                numbers.add(calls.get(rnd.nextInt(calls.size())));
            }
            for (int i = 0, n = big ? 400 : 1_200; i < n; i++) {
                numbers.add(PrefixTrieTest.digits(rnd, 1 + rnd.nextInt(15)));
            }
            // numbers under rows that expire, to exercise the fallback on real data
            List<DeckRow> expiring = rows.stream().filter(r -> r.effectiveUntil() != null).toList();
            for (int i = 0; i < Math.min(300, expiring.size()); i++) {
                String p = expiring.get(rnd.nextInt(expiring.size())).prefix();
                numbers.add(p + PrefixTrieTest.digits(rnd, Math.max(1, 12 - p.length())));
            }
            Stats stats = new Stats();
            for (String number : numbers) {
                List<DeckRow> candidates = brute.candidates(number);
                for (long t : times) {
                    check(table, candidates, number, t, stats);
                }
            }
            // vacuity guard: even bandwidth (US and CA only) matches about a fifth of the cases
            assertTrue(stats.matched > stats.cases / 10, name + ": matched " + stats.matched
                    + " of " + stats.cases);
            if (!expiring.isEmpty()) {
                assertTrue(stats.timeFallback > 0, name + ": no expiry fallback exercised");
            }
            total.cases += stats.cases;
            total.timeFallback += stats.timeFallback;
        }
        assumeTrue(decks > 0, "no A–Z deck found");
        assertTrue(total.cases > 10_000, "cases " + total.cases);
    }
}
