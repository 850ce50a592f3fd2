package io.switchboard.router.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateTableTest {

    static final Currency USD = Currency.getInstance("USD");
    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant DEC31 = Instant.parse("2026-12-31T00:00:00Z");
    static final long T_JUN = Instant.parse("2026-06-15T12:00:00Z").getEpochSecond();

    private long rowNo;
    private final List<DeckRow> rows = new ArrayList<>();

    private DeckRow row(String prefix, String rate, Instant from, Instant until, boolean closed) {
        DeckRow r = new DeckRow(++rowNo, prefix, "Dest " + prefix, new BigDecimal(rate),
                new BigDecimal("0.001"), 60, 1, from, until, "USD", closed);
        rows.add(r);
        return r;
    }

    private DeckRow rate(String prefix, String rate) {
        return row(prefix, rate, JAN, null, false);
    }

    private RateTable table() {
        return RateTable.of("acme", Service.VOICE, 7, USD, rows);
    }

    private static long sec(Instant i) {
        return i.getEpochSecond();
    }

    @Test
    void exactLongerAndShorterMatches() {
        rate("44", "0.01");
        rate("447", "0.02");
        rate("447400", "0.03");
        RateTable t = table();
        assertEquals("447400", t.lookup("447400", T_JUN).matchedPrefix());
        assertEquals("447400", t.lookup("447400123456", T_JUN).matchedPrefix());
        assertEquals("447", t.lookup("4474011", T_JUN).matchedPrefix());
        assertEquals("447", t.lookup("447", T_JUN).matchedPrefix());
        assertEquals("44", t.lookup("4420794601", T_JUN).matchedPrefix());
        assertEquals("44", t.lookup("44", T_JUN).matchedPrefix());
        assertEquals(6, t.longestMatchLength("4474001", T_JUN));
        assertEquals(2, t.longestMatchLength("4420", T_JUN));
    }

    @Test
    void noMatch() {
        rate("44", "0.01");
        RateTable t = table();
        assertNull(t.lookup("4", T_JUN));
        assertNull(t.lookup("33612345678", T_JUN));
        assertNull(t.lookup("", T_JUN));
        assertEquals(RateTable.NO_ROW, t.findRow("1", T_JUN));
        assertEquals(-1, t.longestMatchLength("1", T_JUN));
        assertFalse(t.covers("1", T_JUN));
    }

    @Test
    void nonDigitInputStopsTheWalk() {
        rate("44", "0.01");
        rate("4420", "0.02");
        RateTable t = table();
        assertNull(t.lookup("+4420794601", T_JUN));
        assertEquals("44", t.lookup("44 20794601", T_JUN).matchedPrefix());
        assertEquals("4420", t.lookup("4420;npdi", T_JUN).matchedPrefix());
        assertNull(t.lookup("x44", T_JUN));
    }

    @Test
    void matchRecordCarriesTheRow() {
        row("4420", "0.0123", JAN, DEC31, false);
        RateTable t = table();
        RateMatch m = t.lookup("442079460123", T_JUN);
        assertNotNull(m);
        assertEquals("acme", m.carrierId());
        assertEquals(Service.VOICE, m.service());
        assertEquals(7, m.deckVersion());
        assertEquals("4420", m.matchedPrefix());
        assertEquals("Dest 4420", m.destination());
        assertEquals(12_300, m.rateMicros());
        assertEquals(0, new BigDecimal("0.0123").compareTo(m.rate()));
        assertEquals(1_000, m.connectFeeMicros());
        assertEquals(new BillingIncrement(60, 1), m.increment());
        assertEquals(JAN, m.effectiveFrom());
        assertEquals(DEC31, m.effectiveUntil());
        assertEquals(USD, m.currency());
        assertFalse(m.closed());
        assertTrue(m.routable());
        assertEquals(m, t.lookup("442079460123", JAN.plusSeconds(86_400)));
    }

    @Test
    void openBoundsAreNull() {
        row("1", "0.004", null, null, false);
        RateTable t = table();
        RateMatch m = t.lookup("1202", Long.MIN_VALUE);
        assertNull(m.effectiveFrom());
        assertNull(m.effectiveUntil());
        assertEquals(RateTable.OPEN_FROM, t.effectiveFromEpochSecond(0));
        assertEquals(RateTable.OPEN_UNTIL, t.effectiveUntilEpochSecond(0));
    }

    @Test
    void futureRowIsIgnoredUntilItsDate() {
        rate("44", "0.01");
        row("447", "0.02", OCT, null, false);
        RateTable t = table();
        assertEquals("44", t.lookup("447400", sec(OCT) - 1).matchedPrefix());
        assertEquals("447", t.lookup("447400", sec(OCT)).matchedPrefix());
        // before any row starts: nothing
        assertNull(t.lookup("447400", sec(JAN) - 1));
        assertEquals("44", t.lookup("447400", sec(JAN)).matchedPrefix());
    }

    @Test
    void expiredRowFallsBackToShorterPrefix() {
        rate("25", "0.05");
        row("250", "0.03", JAN, DEC31, false);
        RateTable t = table();
        assertEquals("250", t.lookup("250788", sec(DEC31) - 1).matchedPrefix());
        assertEquals("25", t.lookup("250788", sec(DEC31)).matchedPrefix()); // until is exclusive
        assertEquals("25", t.lookup("250788", sec(DEC31) + 86_400).matchedPrefix());
    }

    @Test
    void multiplePeriodsPerPrefix() {
        // added out of order on purpose
        row("49", "0.0090", OCT, null, false);
        row("49", "0.0078", JAN, OCT, false);
        row("49", "0.0100", null, JAN, false);
        RateTable t = table();
        assertEquals(3, t.size());
        assertEquals(1, t.prefixCount());
        assertEquals(10_000, t.lookup("4930", sec(JAN) - 1).rateMicros());
        assertEquals(7_800, t.lookup("4930", sec(JAN)).rateMicros());
        assertEquals(7_800, t.lookup("4930", sec(OCT) - 1).rateMicros());
        assertEquals(9_000, t.lookup("4930", sec(OCT)).rateMicros());
        // rows of one prefix are stored sorted by effectiveFrom
        assertEquals(RateTable.OPEN_FROM, t.effectiveFromEpochSecond(0));
        assertEquals(sec(JAN), t.effectiveFromEpochSecond(1));
        assertEquals(sec(OCT), t.effectiveFromEpochSecond(2));
    }

    @Test
    void newerRowSupersedesAnOverlappingOpenOne() {
        rate("33", "0.02"); // from JAN, open
        row("33", "0.03", OCT, null, false); // from OCT, open: both effective after OCT
        RateTable t = table();
        assertEquals(20_000, t.lookup("336", sec(OCT) - 1).rateMicros());
        assertEquals(30_000, t.lookup("336", sec(OCT)).rateMicros());
    }

    @Test
    void expiredNewerRowLetsTheOlderOpenOneApplyAgain() {
        rate("33", "0.02"); // from JAN, open
        row("33", "0.01", OCT, DEC31, false); // promotion OCT..DEC31
        RateTable t = table();
        assertEquals(10_000, t.lookup("336", sec(OCT)).rateMicros());
        assertEquals(20_000, t.lookup("336", sec(DEC31)).rateMicros());
    }

    @Test
    void closedRowBlocksFromItsDate() {
        rate("234", "0.10");
        rate("234805", "0.1123");
        row("234805", "0", Instant.parse("2026-09-20T00:00:00Z"), null, true);
        RateTable t = table();
        long closeAt = Instant.parse("2026-09-20T00:00:00Z").getEpochSecond();
        RateMatch before = t.lookup("2348051234567", closeAt - 1);
        assertFalse(before.closed());
        assertEquals("234805", before.matchedPrefix());
        RateMatch after = t.lookup("2348051234567", closeAt);
        assertNotNull(after);
        assertTrue(after.closed(), "the shorter 234 must not be used for a closed code");
        assertFalse(after.routable());
        assertEquals("234805", after.matchedPrefix());
        assertFalse(t.covers("2348051234567", closeAt));
        assertTrue(t.isClosed(t.findRow("2348051234567", closeAt)));
        // siblings are unaffected
        assertEquals("234", t.lookup("2348061234567", closeAt).matchedPrefix());
        assertTrue(t.covers("2348061234567", closeAt));
    }

    @Test
    void longerOpenRowUnderAClosedPrefixIsRoutable() {
        rate("44", "0.01");
        row("4474", "0", JAN, null, true);
        rate("447400", "0.02");
        RateTable t = table();
        assertTrue(t.lookup("4474011", T_JUN).closed());
        RateMatch m = t.lookup("4474001", T_JUN);
        assertFalse(m.closed());
        assertEquals("447400", m.matchedPrefix());
        assertFalse(t.lookup("4475", T_JUN).closed());
    }

    @Test
    void expiredClosedRowNoLongerBlocks() {
        rate("44", "0.01");
        row("447", "0", JAN, OCT, true);
        RateTable t = table();
        assertTrue(t.lookup("4471", sec(OCT) - 1).closed());
        RateMatch m = t.lookup("4471", sec(OCT));
        assertFalse(m.closed());
        assertEquals("44", m.matchedPrefix());
    }

    @Test
    void closedRowNotYetEffectiveDoesNotBlock() {
        rate("44", "0.01");
        row("447", "0", OCT, null, true);
        RateTable t = table();
        assertFalse(t.lookup("4471", T_JUN).closed());
        assertTrue(t.lookup("4471", sec(OCT)).closed());
    }

    @Test
    void duplicatePrefixAndDateIsRefused() {
        rate("44", "0.01");
        rate("1", "0.01");
        rate("44", "0.02");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::table);
        assertTrue(e.getMessage().contains("rows 1 and 3"), e.getMessage());
        assertTrue(e.getMessage().contains("prefix 44"), e.getMessage());
    }

    @Test
    void pricesMustFitMicroUnits() {
        rate("44", "0.0000001");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::table);
        assertTrue(e.getMessage().startsWith("row 1:"), e.getMessage());
        rows.clear();
        rate("44", "0.123456");
        rate("45", "0.12345600000"); // trailing zeros are fine
        RateTable t = table();
        assertEquals(123_456, t.lookup("44", T_JUN).rateMicros());
        assertEquals(123_456, t.lookup("45", T_JUN).rateMicros());
    }

    @Test
    void currencyMustBeTheDecks() {
        rows.add(new DeckRow(1, "44", "UK", new BigDecimal("0.01"), BigDecimal.ZERO, 1, 1, null,
                null, "EUR", false));
        assertThrows(IllegalArgumentException.class, this::table);
    }

    @Test
    void subSecondBoundsRoundUp() {
        row("44", "0.01", Instant.parse("2026-01-01T00:00:00.250Z"),
                Instant.parse("2026-02-01T00:00:00.250Z"), false);
        RateTable t = table();
        long jan = sec(JAN);
        long feb = Instant.parse("2026-02-01T00:00:00Z").getEpochSecond();
        assertNull(t.lookup("44", jan)); // 00:00:00.000 is before 00:00:00.250
        assertNotNull(t.lookup("44", jan + 1));
        assertNotNull(t.lookup("44", feb)); // 00:00:00.000 < 00:00:00.250 (exclusive)
        assertNull(t.lookup("44", feb + 1));
    }

    @Test
    void sizesAndRowAccessRoundTrip() {
        rate("1", "0.004");
        rate("1201", "0.0037");
        row("1201", "0.0035", OCT, null, false);
        row("44", "0", JAN, null, true);
        rows.add(new DeckRow(99, "447400", "", new BigDecimal("0.02"), new BigDecimal("0.0010"),
                6, 6, JAN, DEC31, "USD", false));
        RateTable t = table();
        assertEquals(5, t.size());
        assertEquals(4, t.prefixCount());
        assertEquals(4, t.destinationCount()); // "Dest 1", "Dest 1201", "Dest 44", ""
        assertTrue(t.estimatedBytes() > 0);
        Map<Long, DeckRow> byNumber = new HashMap<>();
        rows.forEach(r -> byNumber.put(r.rowNumber(), r));
        List<Long> seen = new ArrayList<>();
        t.forEachRow((prefix, row) -> {
            DeckRow original = byNumber.get(t.rowNumber(row));
            assertEquals(original.prefix(), prefix);
            assertEquals(original.prefix(), t.prefix(row));
            DeckRow back = t.row(row);
            assertEquals(original.rowNumber(), back.rowNumber());
            assertEquals(original.prefix(), back.prefix());
            assertEquals(original.destination(), back.destination());
            assertEquals(0, original.rate().compareTo(back.rate()));
            assertEquals(0, original.connectFee().compareTo(back.connectFee()));
            assertEquals(original.initialIncrement(), back.initialIncrement());
            assertEquals(original.nextIncrement(), back.nextIncrement());
            assertEquals(original.effectiveFrom(), back.effectiveFrom());
            assertEquals(original.effectiveUntil(), back.effectiveUntil());
            assertEquals(original.currency(), back.currency());
            assertEquals(original.closed(), back.closed());
            assertEquals(original.prefix(), t.match(row).matchedPrefix());
            seen.add(back.rowNumber());
        });
        assertEquals(5, seen.size());
        assertEquals(byNumber.keySet(), new java.util.HashSet<>(seen));
    }

    @Test
    void emptyTable() {
        RateTable t = table();
        assertEquals(0, t.size());
        assertEquals(0, t.prefixCount());
        assertNull(t.lookup("4420", T_JUN));
        t.forEachRow((p, r) -> {
            throw new AssertionError("no rows");
        });
    }

    @Test
    void builderIsSingleUse() {
        RateTable.Builder b = RateTable.builder("acme", Service.SMS, 1, USD);
        b.add(rate("44", "0.01"));
        RateTable t = b.build();
        assertEquals(Service.SMS, t.service());
        assertEquals(1, t.deckVersion());
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalStateException.class, () -> b.add(rows.get(0)));
    }
}
