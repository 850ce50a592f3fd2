package io.switchboard.router.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class SupplierNoticeLayoutTest {

    private static final String NOTICE = "tcxc-acme-rate-notice.csv";
    private static final String HEADER = "Country,Network,Dial Codes,Rate/Min,Effective,Billing,Change";

    /** One row of the normalised TelecomsXChange file. */
    private record Expected(String prefix, String effectiveFrom, boolean discontinued, BigDecimal price1,
            BigDecimal priceN, int interval1, int intervalN) {
    }

    private static List<Expected> normalized() throws IOException {
        List<Expected> out = new ArrayList<>();
        try (Reader in = DeckFixtures.resource("tcxc-acme-rate-notice-normalized.csv");
                CSVParser p = CSVParser.parse(in, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) {
                assertEquals("0", rec.get("Forbidden"));
                out.add(new Expected(rec.get("Prefix"), rec.get("Effective from"), rec.get("Discontinued").equals("1"),
                        new BigDecimal(rec.get("Price 1")), new BigDecimal(rec.get("Price N")),
                        Integer.parseInt(rec.get("Interval 1")), Integer.parseInt(rec.get("Interval N"))));
            }
        }
        return out;
    }

    @Test
    void noticeParsesToTheNormalizedRowsExactly() throws IOException {
        List<Expected> expected = normalized();
        DeckFixtures.Result r = DeckFixtures.read(NOTICE, new SupplierNoticeLayout());
        assertEquals(List.of(), r.rejections());
        assertEquals(25, expected.size());
        assertEquals(expected.stream().map(Expected::prefix).toList(), r.prefixes(), "same prefixes in the same order");

        Map<String, DeckRow> byPrefix = new LinkedHashMap<>();
        r.rows().forEach(row -> byPrefix.put(row.prefix(), row));
        assertEquals(25, byPrefix.size());
        DateTimeFormatter tcxc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (Expected e : expected) {
            DeckRow row = byPrefix.get(e.prefix());
            String what = "prefix " + e.prefix();
            assertEquals(0, e.price1().compareTo(row.rate()), what);
            assertEquals(0, e.priceN().compareTo(row.rate()), what);
            assertEquals(e.interval1(), row.initialIncrement(), what);
            assertEquals(e.intervalN(), row.nextIncrement(), what);
            assertEquals(e.discontinued(), row.closed(), what);
            Instant from = e.effectiveFrom().equals("ASAP") ? null
                    : LocalDateTime.parse(e.effectiveFrom(), tcxc).toInstant(ZoneOffset.UTC);
            assertEquals(from, row.effectiveFrom(), what);
            assertNull(row.effectiveUntil(), what);
            assertEquals("USD", row.currency(), what);
            assertEquals(0, BigDecimal.ZERO.compareTo(row.connectFee()), what);
        }
    }

    @Test
    void preambleAndFooterAreSkippedNotRejected() {
        DeckFixtures.Result r = DeckFixtures.read(NOTICE, new SupplierNoticeLayout());
        // 17 lines: 5 preamble, 2 blank, 1 header, 8 data rows, 1 footer
        assertEquals(new ReadSummary(25, 0, 9, 17, "USD"), r.summary());
        assertEquals(8, r.rows().get(0).rowNumber(), "first table row is line 8");
        assertEquals(15, r.row("447409").rowNumber());
    }

    @Test
    void rowsKeepNamesListsRangesSpacesAndPlus() {
        DeckFixtures.Result r = DeckFixtures.read(NOTICE, new SupplierNoticeLayout());
        assertEquals("Germany - Mobile - Vodafone", r.row("49172").destination());
        assertEquals(List.of("49152", "49162", "49172", "49173", "49174"),
                r.rows().stream().filter(x -> x.rowNumber() == 8).map(DeckRow::prefix).toList());
        assertEquals("France - Mobile - Orange", r.row("33607").destination());
        assertEquals("Mexico - Mobile", r.row("521").destination());
        assertEquals(List.of("234803", "234806", "234703"),
                r.rows().stream().filter(x -> x.rowNumber() == 12).map(DeckRow::prefix).toList());
    }

    @Test
    void closedRowIsWithdrawnFromItsDate() {
        DeckFixtures.Result r = DeckFixtures.read(NOTICE, new SupplierNoticeLayout());
        DeckRow glo = r.row("234805");
        assertTrue(glo.closed());
        assertEquals(Instant.parse("2026-09-20T00:00:00Z"), glo.effectiveFrom());
        assertEquals(new BigDecimal("0.121"), glo.rate());
        assertEquals(1, r.rows().stream().filter(DeckRow::closed).count());
    }

    @Test
    void immediateDatesCanBeTheIssueDateOrAsWritten() {
        SupplierNoticeLayout.Options d = SupplierNoticeLayout.Options.DEFAULTS;
        DeckFixtures.Result issue = DeckFixtures.read(NOTICE,
                new SupplierNoticeLayout(d.withImmediateDates(SupplierNoticeLayout.ImmediateDates.ISSUE_DATE)));
        Instant issued = Instant.parse("2026-09-16T00:00:00Z");
        assertEquals(issued, issue.row("49").effectiveFrom());
        assertEquals(issued, issue.row("33607").effectiveFrom());
        assertEquals(Instant.parse("2026-09-23T00:00:00Z"), issue.row("49152").effectiveFrom());

        DeckFixtures.Result written = DeckFixtures.read(NOTICE,
                new SupplierNoticeLayout(d.withImmediateDates(SupplierNoticeLayout.ImmediateDates.AS_WRITTEN)));
        assertEquals(Instant.parse("2026-09-10T00:00:00Z"), written.row("49").effectiveFrom());
        assertEquals(issued, written.row("447400").effectiveFrom());
    }

    @Test
    void issueDateCanBeOverridden() {
        SupplierNoticeLayout.Options o = new SupplierNoticeLayout.Options(null,
                SupplierNoticeLayout.ImmediateDates.EFFECTIVE_NOW, LocalDate.of(2026, 9, 1), 50);
        DeckFixtures.Result r = DeckFixtures.read(NOTICE, new SupplierNoticeLayout(o));
        assertEquals(Instant.parse("2026-09-10T00:00:00Z"), r.row("49").effectiveFrom(), "after the overridden issue date");
    }

    @Test
    void noticeWithoutCurrencyNeedsADefault() {
        String text = "Acme\n\n" + HEADER + "\nSpain,Fixed,34,0.01,01/01/2026,1/1,New\n";
        DeckFormatException e = assertThrows(DeckFormatException.class,
                () -> DeckFixtures.readText(text, new SupplierNoticeLayout()));
        assertTrue(e.getMessage().startsWith("line 3: the notice names no currency (no 'Currency:' line"), e.getMessage());

        DeckFixtures.Result r = DeckFixtures.readText(text, new SupplierNoticeLayout(
                new SupplierNoticeLayout.Options("EUR", SupplierNoticeLayout.ImmediateDates.EFFECTIVE_NOW, null, 50)));
        DeckRow spain = r.row("34");
        assertEquals("EUR", spain.currency());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), spain.effectiveFrom(), "no issue date: dates as written");
    }

    @Test
    void preambleCurrencyAndIssueDateInOneCell() {
        String text = "Issue date: 01/02/2026\nCurrency: all prices in EUR\n" + HEADER
                + "\nSpain,Fixed,34,0.01,01/01/2026,1/1,Unchanged\nSpain,Mobile,346,0.02,01/03/2026,1/1,New\n";
        DeckFixtures.Result r = DeckFixtures.readText(text, new SupplierNoticeLayout());
        assertEquals("EUR", r.summary().currency(), "'all' is not read as ALL, the lek");
        assertNull(r.row("34").effectiveFrom());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), r.row("346").effectiveFrom());
    }

    @Test
    void badIssueDateRefusesTheNotice() {
        String text = "Issue date:,2026-09-16\nCurrency:,USD\n" + HEADER + "\n";
        DeckFormatException e = assertThrows(DeckFormatException.class,
                () -> DeckFixtures.readText(text, new SupplierNoticeLayout()));
        assertEquals("line 1: issue date '2026-09-16' is not a date (dd/MM/yyyy)", e.getMessage());
    }

    @Test
    void badTableRowsAreRejectedWithColumnNames() {
        String text = "Currency:,USD\n" + HEADER + "\n"
                + "United Kingdom,Mobile,447409-447400,0.0112,16/09/2026,1/1,Unchanged\n"
                + "Anywhere,Any,1-99999,0.01,16/09/2026,1/1,New\n"
                + "Germany,Mobile,49152,0.0495,31/09/2026,0/60,Increase\n"
                + "Germany,Mobile,4915x,\"0,05\",23/09/2026,60-1,Increase\n"
                + "Nigeria,Glo,234805,,20/09/2026,60/60,Closed\n"
                + "Note: prices exclude VAT\n"
                + HEADER + "\n"
                + "Germany,Fixed,\"49; 49\",0.0078,10/09/2026,1/1,Unchanged\n";
        DeckFixtures.Result r = DeckFixtures.readText(text, new SupplierNoticeLayout());
        assertEquals(List.of(
                "row 3: Dial Codes: range 447409-447400 is reversed",
                "row 4: Dial Codes: range 1-99999 has ends of different lengths",
                "row 5: Billing: '0/60' increments must be positive; Effective: '31/09/2026' is not a date (dd/MM/yyyy)",
                "row 6: Dial Codes: '4915x' is not digits; Rate/Min: '0,05' uses ',' as decimal separator; "
                        + "only '.' is accepted; Billing: '60-1' is not initial/next seconds such as 60/1",
                "row 10: prefix 49 appears twice in this row"), r.messages());
        DeckRow closed = r.row("234805");
        assertTrue(closed.closed());
        assertEquals(0, BigDecimal.ZERO.compareTo(closed.rate()), "a Closed row may omit its rate");
        assertEquals(new ReadSummary(1, 5, 4, 10, "USD"), r.summary());
    }

    @Test
    void rangeOfMoreThanTenThousandPrefixesIsRejected() {
        String text = "Currency:,USD\n" + HEADER + "\nX,Y,100000-110000,0.01,,1/1,New\nX,Y,200000-209999,0.01,,1/1,New\n";
        DeckFixtures.Result r = DeckFixtures.readText(text, new SupplierNoticeLayout());
        assertEquals(List.of("row 3: Dial Codes: range 100000-110000 too large (more than 10000 prefixes)"), r.messages());
        assertEquals(10_000, r.rows().size());
        assertFalse(r.rows().get(0).closed());
        assertNull(r.rows().get(0).effectiveFrom());
    }

    @Test
    void noticeWithoutTableIsRefused() {
        DeckFormatException e = assertThrows(DeckFormatException.class,
                () -> DeckFixtures.readText("Acme\nCurrency:,USD\nnothing here\n", new SupplierNoticeLayout()));
        assertTrue(e.getMessage().startsWith("after 3 lines: no supplier-notice header row"), e.getMessage());
    }
}
