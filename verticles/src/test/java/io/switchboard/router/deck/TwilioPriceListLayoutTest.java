package io.switchboard.router.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwilioPriceListLayoutTest {

    private static final String HEADER = "ISO,Country,Description,Price / min,Origination Prefixes,Destination Prefixes";

    @Test
    void expandsPrefixListsOneRowPerPrefix() {
        DeckFixtures.Result r = DeckFixtures.read("twilio-sample.csv", new TwilioPriceListLayout());
        assertEquals(List.of(), r.rejections());
        assertEquals(1 + 1 + 6 + 12 + 2 + 5 + 1 + 1, r.rows().size());
        assertEquals(new ReadSummary(29, 0, 1, 9, "USD"), r.summary());

        List<DeckRow> telstra = r.rows().stream().filter(x -> x.rowNumber() == 4).toList();
        assertEquals(List.of("61409", "61428", "614445", "61447", "614801", "614804"),
                telstra.stream().map(DeckRow::prefix).toList());
        for (DeckRow row : telstra) {
            assertEquals("Australia - Mobile - Telstra", row.destination());
            assertEquals(new BigDecimal("0.071"), row.rate());
        }
        assertEquals(12, r.rows().stream().filter(x -> x.rowNumber() == 5).count());
    }

    @Test
    void defaultsAreSixtySixtyUsdAlwaysWithoutConnectFee() {
        DeckFixtures.Result r = DeckFixtures.read("twilio-sample.csv", new TwilioPriceListLayout());
        DeckRow us = r.row("1");
        assertEquals("United States", us.destination());
        assertEquals(new BigDecimal("0.008"), us.rate());
        assertEquals(60, us.initialIncrement());
        assertEquals(60, us.nextIncrement());
        assertEquals("USD", us.currency());
        assertEquals(0, BigDecimal.ZERO.compareTo(us.connectFee()));
        assertNull(us.effectiveFrom());
        assertNull(us.effectiveUntil());
        assertEquals("world - Mobile - BebbiCell AG", r.row("882347").destination());
    }

    @Test
    void optionsSetIncrementsCurrencyAndDate() {
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        DeckFixtures.Result r = DeckFixtures.read("twilio-sample.csv",
                new TwilioPriceListLayout(new TwilioPriceListLayout.Options(1, 1, "EUR", from)));
        DeckRow zw = r.row("263");
        assertEquals(1, zw.initialIncrement());
        assertEquals(1, zw.nextIncrement());
        assertEquals("EUR", zw.currency());
        assertEquals(from, zw.effectiveFrom());
    }

    @Test
    void invalidOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TwilioPriceListLayout.Options(0, 60, "USD", null));
        assertThrows(IllegalArgumentException.class, () -> new TwilioPriceListLayout.Options(60, 60, "XYZ", null));
    }

    @Test
    void malformedRowsAreRejected() {
        String text = HEADER + "\n"
                + "GB,United Kingdom,Programmable Outbound Minute - United Kingdom,0.014,,\"44, 4A\"\n"
                + "GB,United Kingdom,Programmable Outbound Minute - United Kingdom,,,\"44\"\n"
                + "FR,France,Programmable Outbound Minute - France,0.02,\"1\",\"33\"\n"
                + "DE,Germany,Programmable Outbound Minute - Germany,0.02,,\"49, 4930, 49\"\n"
                + "DE,Germany,Programmable Outbound Minute - Germany,0.02,,49,extra\n"
                + "IT,Italy,Programmable Outbound Minute - Italy,0.03,,\"\"\n"
                + "ES,Spain,Programmable Outbound Minute - Spain,0.03,,\"34\"\n"
                + "ES,Spain,Programmable Outbound Minute - Spain Mobile,0.05,,\"346, 34\"\n";
        DeckFixtures.Result r = DeckFixtures.readText(text, new TwilioPriceListLayout());
        assertEquals(List.of(
                "row 2: Destination Prefixes: '4A' is not digits",
                "row 3: Price / min: empty",
                "row 4: Origination Prefixes: '1' is not supported (prices depending on this column cannot be imported)",
                "row 5: prefix 49 appears twice in this row",
                "row 6: has 7 fields, the header has 6 (an unquoted ',' inside a field?)",
                "row 7: Destination Prefixes: empty",
                "row 9: prefix 34 with effective_from none duplicates row 8"), r.messages());
        assertEquals(List.of("34"), r.prefixes(), "a rejected row contributes no prefix, even its valid ones");
    }

    @Test
    void azHeaderIsNotATwilioHeader() {
        DeckFormatException e = assertThrows(DeckFormatException.class,
                () -> DeckFixtures.readText(DeckFixtures.AZ_HEADER + "\n", new TwilioPriceListLayout()));
        assertTrue(e.getMessage().contains("'Destination Prefixes'"), e.getMessage());
    }
}
