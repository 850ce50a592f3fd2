package io.switchboard.router.deck;

import static io.switchboard.router.deck.DeckFixtures.AZ_HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzLayoutTest {

    private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void azLayoutIsTheMappedLayoutWithThePresetMapping() {
        AzLayout az = new AzLayout();
        assertTrue(az instanceof MappedLayout);
        assertSame(AzLayout.MAPPING, az.mapping());
        assertEquals("az", az.name());
    }

    @Test
    void readsTelnyxExtract() {
        DeckFixtures.Result r = DeckFixtures.read("az-telnyx-sample.csv", new AzLayout());
        assertEquals(List.of(), r.rejections());
        assertEquals(List.of("1", "20", "211", "212", "213", "44", "1242357", "1242359", "44113"), r.prefixes());
        assertEquals(new ReadSummary(9, 0, 1, 10, "USD"), r.summary());

        DeckRow us = r.row("1");
        assertEquals(2, us.rowNumber());
        assertEquals("United States", us.destination());
        assertEquals(0, new BigDecimal("0.00395").compareTo(us.rate()));
        assertEquals("0.00395", us.rate().toPlainString(), "scale kept as written");
        assertEquals(0, BigDecimal.ZERO.compareTo(us.connectFee()));
        assertEquals(6, us.initialIncrement());
        assertEquals(6, us.nextIncrement());
        assertEquals(JAN_1, us.effectiveFrom());
        assertNull(us.effectiveUntil());
        assertEquals("USD", us.currency());
        assertFalse(us.closed());

        DeckRow bahamas = r.row("1242357");
        assertEquals(8, bahamas.rowNumber());
        assertEquals(60, bahamas.initialIncrement());
        assertEquals(1, bahamas.nextIncrement());
        assertEquals(1, r.row("44113").initialIncrement());
    }

    @Test
    void readsEffectiveUntilAndConnectFeeOfWholesaleExtract() {
        DeckFixtures.Result r = DeckFixtures.read("az-wholesale-a-sample.csv", new AzLayout());
        assertEquals(List.of(), r.rejections());
        assertEquals(4, r.rows().size());
        DeckRow rwanda = r.row("250");
        assertEquals(Instant.parse("2026-12-31T00:00:00Z"), rwanda.effectiveUntil());
        assertEquals(new BigDecimal("0.0010"), rwanda.connectFee());
        assertEquals(60, rwanda.initialIncrement());
        assertEquals(60, rwanda.nextIncrement());
        assertNull(r.row("1").effectiveUntil());
        assertEquals("United States Jersey City  NJ", r.row("1201200").destination(), "names are kept as written");
    }

    @Test
    void badDeckIsReportedRowByRow() {
        DeckFixtures.Result r = DeckFixtures.read("az-bad.csv", new AzLayout());
        assertEquals(List.of(
                "row 3: prefix: '44A1' is not digits",
                "row 4: rate_per_min: 'abc' is not a number",
                "row 5: rate_per_min: '0,0495' uses ',' as decimal separator; only '.' is accepted",
                "row 6: rate_per_min: '-0.02' is negative",
                "row 7: initial_increment_s: '0' must be positive",
                "row 8: effective_until: 2026-01-01 is not after effective_from 2026-06-01",
                "row 9: currency: 'XYZ' is not an ISO 4217 code",
                "row 10: prefix 44 with effective_from 2026-01-01 duplicates row 2",
                "row 12: currency: 'EUR' differs from the deck's currency 'USD' (set by row 2)",
                "row 14: prefix: empty",
                "row 15: prefix: '12345678901234567' is longer than 16 digits",
                "row 16: effective_from: '2026-02-30' is not a date (yyyy-MM-dd)",
                "row 17: has 10 fields, the header has 9 (an unquoted ',' inside a field?)",
                "row 18: rate_per_min: 'abc' is not a number; initial_increment_s: '1.5' is not a whole number of seconds"),
                r.messages());
        assertEquals(List.of("44", "44", "46", "47"), r.prefixes());
        assertEquals(List.of(2L, 11L, 19L, 20L), r.rows().stream().map(DeckRow::rowNumber).toList());
        assertEquals(new ReadSummary(4, 14, 2, 20, "USD"), r.summary());
        assertFalse(r.summary().clean());

        RowRejection first = r.rejections().get(0);
        assertEquals(3, first.rowNumber());
        assertEquals("prefix: '44A1' is not digits", first.reason());
        assertEquals("44A1,United Kingdom Bad,0.015,0,1,1,2026-01-01,,USD", first.raw());
        assertEquals(9, first.fields().size());
    }

    @Test
    void lenientDefaultsOfTheBadDeckAreApplied() {
        DeckFixtures.Result r = DeckFixtures.read("az-bad.csv", new AzLayout());
        DeckRow july = r.rows().get(1);
        assertEquals(Instant.parse("2026-07-01T00:00:00Z"), july.effectiveFrom());
        DeckRow sweden = r.row("46");
        assertEquals(0, BigDecimal.ZERO.compareTo(sweden.connectFee()), "empty connect fee is 0");
        DeckRow norway = r.row("47");
        assertEquals(new BigDecimal(".05"), norway.rate());
        assertNull(norway.effectiveFrom(), "empty effective_from means always");
        assertEquals("USD", norway.currency(), "lower-case currency is upper-cased");
    }

    @Test
    void headerMustBeTheFirstLine() {
        DeckFormatException e = assertThrows(DeckFormatException.class,
                () -> DeckFixtures.readText("1,United States,0.1,0,6,6,2026-01-01,,USD\n" + AZ_HEADER + "\n", new AzLayout()));
        assertTrue(e.getMessage().startsWith("line 1: no az header row"), e.getMessage());
        assertTrue(e.getMessage().contains("'rate_per_min'"), e.getMessage());
    }

    @Test
    void headerMissingAColumnIsRefused() {
        String header = AZ_HEADER.replace(",currency", "");
        DeckFormatException e = assertThrows(DeckFormatException.class,
                () -> DeckFixtures.readText(header + "\n1,US,0.1,0,6,6,2026-01-01,\n", new AzLayout()));
        assertTrue(e.getMessage().endsWith("line 1 lacks 'currency'"), e.getMessage());
    }

    @Test
    void emptyFileIsRefused() {
        DeckFormatException e = assertThrows(DeckFormatException.class, () -> DeckFixtures.readText("", new AzLayout()));
        assertTrue(e.getMessage().contains("the file has no non-blank line"), e.getMessage());
    }

    @Test
    void headerOnlyDeckIsEmptyNotAnError() {
        DeckFixtures.Result r = DeckFixtures.readText(AZ_HEADER + "\n", new AzLayout());
        assertEquals(new ReadSummary(0, 0, 1, 1, null), r.summary());
    }

    @Test
    void headerColumnsMayBeReorderedAndDifferInCase() {
        String text = "\uFEFFCurrency,PREFIX,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,"
                + "effective_from,effective_until\r\nEUR,4930,Berlin,0.02,0,60,60,2026-01-01,2027-01-01\r\n";
        DeckFixtures.Result r = DeckFixtures.readText(text, new AzLayout());
        assertEquals(List.of(), r.rejections());
        DeckRow row = r.row("4930");
        assertEquals("EUR", row.currency());
        assertEquals("Berlin", row.destination());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), row.effectiveUntil());
    }

    @Test
    void plusAndListsAreNotAcceptedInTheStrictLayout() {
        DeckFixtures.Result r = DeckFixtures.readText(AZ_HEADER + "\n+44,UK,0.1,0,1,1,,,USD\n\"44,33\",X,0.1,0,1,1,,,USD\n",
                new AzLayout());
        assertEquals(List.of("row 2: prefix: '+44' is not digits", "row 3: prefix: '44,33' is not digits"), r.messages());
    }
}
