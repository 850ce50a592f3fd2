package io.switchboard.router.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeckFormatTest {

    @Test
    void detectsEachBuiltInHeader() {
        assertEquals(Optional.of(DeckFormat.AZ), DeckFormat.detect(DeckFixtures.AZ_HEADER));
        assertEquals(Optional.of(DeckFormat.TWILIO),
                DeckFormat.detect("ISO,Country,Description,Price / min,Origination Prefixes,Destination Prefixes"));
        assertEquals(Optional.of(DeckFormat.SUPPLIER_NOTICE),
                DeckFormat.detect("Country,Network,Dial Codes,Rate/Min,Effective,Billing,Change"));
    }

    @Test
    void detectionToleratesCaseBlanksQuotesAndBom() {
        assertEquals(Optional.of(DeckFormat.AZ), DeckFormat.detect("\uFEFF" + DeckFixtures.AZ_HEADER.toUpperCase()));
        assertEquals(Optional.of(DeckFormat.TWILIO),
                DeckFormat.detect("\"ISO\",\"Country\",\"Description\",\"Price/Min\",\"Origination Prefixes\",\"Destination Prefixes\""));
        assertEquals(Optional.of(DeckFormat.SUPPLIER_NOTICE),
                DeckFormat.detect("Country, Network, Dial Codes, Rate / Min, Effective, Billing, Change, Notes"));
    }

    @Test
    void unknownHeadersAreNotDetected() {
        assertEquals(Optional.empty(), DeckFormat.detect("Code,Zone,Prix"));
        assertEquals(Optional.empty(), DeckFormat.detect(DeckFixtures.AZ_HEADER.replace(",currency", "")));
        assertEquals(Optional.empty(), DeckFormat.detect("1,United States,0.00395,0,6,6,2026-01-01,,USD"));
        assertEquals(Optional.empty(), DeckFormat.detect(""));
        assertEquals(Optional.empty(), DeckFormat.detect("\"unterminated,quote"));
    }

    @Test
    void sniffFindsTheNoticeHeaderPastThePreambleAndRewinds() throws IOException {
        try (BufferedReader in = new BufferedReader(DeckFixtures.resource("tcxc-acme-rate-notice.csv"))) {
            assertEquals(Optional.of(DeckFormat.SUPPLIER_NOTICE), DeckFormat.sniff(in));
            assertEquals("Acme Voice Wholesale", in.readLine(), "reader rewound to its start");
        }
    }

    @Test
    void sniffThenReadUsesTheDetectedLayout() throws IOException {
        for (String name : List.of("az-telnyx-sample.csv", "twilio-sample.csv", "tcxc-acme-rate-notice.csv")) {
            try (BufferedReader in = new BufferedReader(DeckFixtures.resource(name))) {
                DeckFormat f = DeckFormat.sniff(in).orElseThrow();
                List<DeckRow> rows = new ArrayList<>();
                ReadSummary s = new DeckReader().read(in, f.defaultLayout(), rows::add, x -> {
                    throw new AssertionError(x.message());
                });
                assertTrue(s.rowsAccepted() > 0, name);
                assertEquals(s.rowsAccepted(), rows.size(), name);
            }
        }
        assertEquals(Optional.empty(), DeckFormat.sniff(new BufferedReader(new StringReader("a,b\n1,2\n"))));
    }

    @Test
    void idsRoundTrip() {
        for (DeckFormat f : DeckFormat.values()) {
            assertEquals(f, DeckFormat.fromId(f.id()));
        }
        assertEquals(DeckFormat.SUPPLIER_NOTICE, DeckFormat.fromId("Supplier-Notice"));
        assertEquals("supplier-notice", DeckFormat.SUPPLIER_NOTICE.toString());
        assertThrows(IllegalArgumentException.class, () -> DeckFormat.fromId("xlsx"));
        assertThrows(IllegalStateException.class, DeckFormat.MAPPED::defaultLayout);
        assertTrue(DeckFormat.AZ.defaultLayout() instanceof AzLayout);
        assertTrue(DeckFormat.TWILIO.defaultLayout() instanceof TwilioPriceListLayout);
        assertTrue(DeckFormat.SUPPLIER_NOTICE.defaultLayout() instanceof SupplierNoticeLayout);
    }
}
