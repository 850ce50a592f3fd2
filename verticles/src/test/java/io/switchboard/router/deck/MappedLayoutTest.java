package io.switchboard.router.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappedLayoutTest {

    private static Map<String, String> semicolonConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("prefix", "Code");
        m.put("prefix_lists", "true");
        m.put("destination", "Zone");
        m.put("rate", "Prix");
        m.put("billing", "Facturation");
        m.put("effective_from", "Date");
        m.put("date_pattern", "dd.MM.yyyy");
        m.put("fixed_currency", "eur");
        m.put("delimiter", ";");
        m.put("header_within", "3");
        return m;
    }

    @Test
    void configuredLayoutReadsASemicolonDeckWithPreamble() {
        ColumnMapping mapping = ColumnMapping.fromProperties(semicolonConfig());
        assertEquals("EUR", mapping.fixedCurrency());
        DeckFixtures.Result r = DeckFixtures.read("mapped-semicolon.csv", new MappedLayout(mapping));
        assertEquals(List.of(), r.rejections());
        assertEquals(List.of("336", "49", "331", "332", "333"), r.prefixes());
        assertEquals(new ReadSummary(5, 0, 3, 6, "EUR"), r.summary());

        DeckRow fr = r.row("336");
        assertEquals("France Mobile", fr.destination());
        assertEquals(new BigDecimal("0.0420"), fr.rate());
        assertEquals(30, fr.initialIncrement());
        assertEquals(6, fr.nextIncrement());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), fr.effectiveFrom());
        assertEquals(4, fr.rowNumber());
        assertNull(r.row("49").effectiveFrom());
        assertEquals(Instant.parse("2026-03-15T00:00:00Z"), r.row("332").effectiveFrom());
    }

    @Test
    void tooFewLinesAllowedBeforeTheHeaderIsAFormatError() {
        Map<String, String> m = semicolonConfig();
        m.put("header_within", "2");
        DeckFormatException e = assertThrows(DeckFormatException.class,
                () -> DeckFixtures.read("mapped-semicolon.csv", new MappedLayout(ColumnMapping.fromProperties(m))));
        assertTrue(e.getMessage().startsWith("line 2: no mapped header row with columns 'Code', 'Zone', 'Prix', "
                + "'Facturation', 'Date' found within 2 non-blank line(s); line 1 lacks"), e.getMessage());
    }

    @Test
    void builderSupportsFixedIncrementsDefaultsAndDateTimes() {
        ColumnMapping mapping = ColumnMapping.builder()
                .prefix("Code").destination("Country", "Area").rate("Rate").connectFee("Setup")
                .defaultConnectFee(new BigDecimal("0.002")).fixedIncrements(30, 30)
                .effectiveFrom("From").effectiveUntil("To").datePattern("yyyy-MM-dd HH:mm")
                .currency("Cur").closed("Status").closedWord("removed").build();
        String text = "Code,Country,Area,Rate,Setup,From,To,Cur,Status\n"
                + "4420,United Kingdom,London,0.01,,2026-01-01 12:00,2026-06-30 00:00,GBP,\n"
                + "4421,United Kingdom,,0.01,0.005,,,GBP,REMOVED\n"
                + "4422,United Kingdom,,0.01,0.005,2026-01-01 12:00,2026-01-01 12:00,GBP,\n";
        DeckFixtures.Result r = DeckFixtures.readText(text, new MappedLayout(mapping));
        DeckRow london = r.row("4420");
        assertEquals("United Kingdom - London", london.destination());
        assertEquals(new BigDecimal("0.002"), london.connectFee());
        assertEquals(30, london.initialIncrement());
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), london.effectiveFrom());
        assertEquals(Instant.parse("2026-06-30T00:00:00Z"), london.effectiveUntil());
        DeckRow removed = r.row("4421");
        assertEquals("United Kingdom", removed.destination());
        assertTrue(removed.closed());
        assertEquals(List.of("row 4: To: 2026-01-01T12:00:00Z is not after From 2026-01-01T12:00:00Z"), r.messages());
    }

    @Test
    void incompleteOrContradictoryMappingsAreRefused() {
        ColumnMapping.Builder ok = ColumnMapping.builder().prefix("p").rate("r").fixedCurrency("USD");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ok::build);
        assertTrue(e.getMessage().contains("increments exactly one way"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.builder().rate("r").fixedCurrency("USD")
                .fixedIncrements(1, 1).build());
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.builder().prefix("p").rate("r")
                .fixedIncrements(1, 1).build(), "no currency");
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.builder().prefix("p").rate("r")
                .fixedIncrements(1, 1).currency("c").fixedCurrency("USD").build(), "two currencies");
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.builder().prefix("p").rate("r")
                .fixedIncrements(1, 1).fixedCurrency("XYZ").build());
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.builder().prefix("p").rate("r")
                .fixedIncrements(1, 1).billing("b").fixedCurrency("USD").build(), "two increment sources");
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.builder().prefix("p").rate("r")
                .fixedIncrements(0, 1).fixedCurrency("USD").build());
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.builder().prefix("p").rate("r")
                .fixedIncrements(1, 1).fixedCurrency("USD").datePattern("yyyy-MM-dd{").build());
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.fromProperties(Map.of("colour", "blue")));
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.fromProperties(Map.of("prefix", "p",
                "rate", "r", "increments", "60", "fixed_currency", "USD")));
    }

    @Test
    void fromPropertiesAcceptsTheAzLayoutKeys() {
        ColumnMapping m = ColumnMapping.fromProperties(Map.of("prefix", "prefix", "destination", "destination",
                "rate", "rate_per_min", "connect_fee", "connect_fee", "initial_increment", "initial_increment_s",
                "next_increment", "next_increment_s", "effective_from", "effective_from",
                "effective_until", "effective_until", "currency", "currency"));
        assertEquals(AzLayout.MAPPING.requiredColumns(), m.requiredColumns());
        DeckFixtures.Result viaConfig = DeckFixtures.read("az-telnyx-sample.csv", new MappedLayout(m));
        DeckFixtures.Result viaPreset = DeckFixtures.read("az-telnyx-sample.csv", new AzLayout());
        assertEquals(viaPreset.rows(), viaConfig.rows());
    }
}
