package io.switchboard.router.deck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field parsers and the dial-code list parser on their own. */
class FieldParsingTest {

    private static String reason(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(RowException.class, call).getMessage();
    }

    @Test
    void moneyIsExactDecimal() throws RowException {
        assertEquals(new BigDecimal("0.0495"), Fields.money("r", " 0.0495 "));
        assertEquals(new BigDecimal(".05"), Fields.money("r", ".05"));
        assertEquals(new BigDecimal("12"), Fields.money("r", "12"));
        assertEquals("0.10000000000000000001", Fields.money("r", "0.10000000000000000001").toPlainString());
        assertEquals("r: '0,0495' uses ',' as decimal separator; only '.' is accepted", reason(() -> Fields.money("r", "0,0495")));
        assertEquals("r: '-1' is negative", reason(() -> Fields.money("r", "-1")));
        assertEquals("r: '1e-3' is not a number", reason(() -> Fields.money("r", "1e-3")));
        assertEquals("r: '$0.01' is not a number", reason(() -> Fields.money("r", "$0.01")));
        assertEquals("r: '+0.01' is not a number", reason(() -> Fields.money("r", "+0.01")));
        assertEquals("r: empty", reason(() -> Fields.money("r", " ")));
    }

    @Test
    void incrementsAndBilling() throws RowException {
        assertEquals(6, Fields.seconds("i", "6"));
        assertEquals("i: '-6' must be positive", reason(() -> Fields.seconds("i", "-6")));
        assertEquals("i: 'six' is not a whole number of seconds", reason(() -> Fields.seconds("i", "six")));
        assertArrayEquals(new int[] {60, 1}, Fields.billing("b", "60/1"));
        assertArrayEquals(new int[] {60, 60}, Fields.billing("b", " 60 / 60 "));
        assertEquals("b: '0/60' increments must be positive", reason(() -> Fields.billing("b", "0/60")));
        assertEquals("b: '60' is not initial/next seconds such as 60/1", reason(() -> Fields.billing("b", "60")));
    }

    @Test
    void datesAreUtcMidnightAndStrict() throws RowException {
        var f = Fields.dateFormatter("yyyy-MM-dd");
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), Fields.date("d", "2026-01-01", f, "yyyy-MM-dd"));
        assertNull(Fields.date("d", "", f, "yyyy-MM-dd"));
        assertEquals("d: '2026-02-29' is not a date (yyyy-MM-dd)", reason(() -> Fields.date("d", "2026-02-29", f, "yyyy-MM-dd")));
        assertEquals("d: '01/01/2026' is not a date (yyyy-MM-dd)", reason(() -> Fields.date("d", "01/01/2026", f, "yyyy-MM-dd")));
        var dmy = Fields.dateFormatter("dd/MM/yyyy");
        assertEquals(Instant.parse("2026-09-16T00:00:00Z"), Fields.date("d", "16/09/2026", dmy, "dd/MM/yyyy"));
    }

    @Test
    void currencies() throws RowException {
        assertEquals("USD", Fields.currency("c", "usd"));
        assertEquals("c: 'XYZ' is not an ISO 4217 code", reason(() -> Fields.currency("c", "XYZ")));
        assertEquals("c: 'US$' is not an ISO 4217 code", reason(() -> Fields.currency("c", "US$")));
    }

    @Test
    void dialCodeLists() throws RowException {
        assertEquals(List.of("49152", "49162", "49172", "49173", "49174"),
                DialCodes.list("D", "49152, 49162, 49172-49174"));
        assertEquals(List.of("234803", "234806", "234703"), DialCodes.list("D", "234803; 234806; 234703"));
        assertEquals(List.of("33607", "33608"), DialCodes.list("D", "336 07, 336 08"));
        assertEquals(List.of("521"), DialCodes.list("D", "+521"));
        assertEquals(List.of("0800", "0801"), DialCodes.list("D", "0800 - 0801"), "leading zeros kept");
        assertEquals(List.of("4474", "4475"), DialCodes.list("D", "4474\u20134475"), "en dash");
        assertEquals(List.of("44", "33"), DialCodes.list("D", "44,,33,"));
        assertEquals("D: range 447409-447400 is reversed", reason(() -> DialCodes.list("D", "447409-447400")));
        assertEquals("D: range 1-99999 has ends of different lengths", reason(() -> DialCodes.list("D", "1-99999")));
        assertEquals("D: range '44-' is not digits-digits", reason(() -> DialCodes.list("D", "44-")));
        assertEquals("D: range 0-99999 has ends of different lengths", reason(() -> DialCodes.list("D", "0-99999")));
        assertEquals("D: range 00000-10000 too large (more than 10000 prefixes)",
                reason(() -> DialCodes.list("D", "00000-10000")));
        assertEquals(10_000, DialCodes.list("D", "00000-09999").size());
        assertEquals("D: too many prefixes (more than 10000)",
                reason(() -> DialCodes.list("D", "10000-19999, 7")));
        assertEquals("D: empty", reason(() -> DialCodes.list("D", " , ; ")));
        assertEquals("D: '12345678901234567' is longer than 16 digits", reason(() -> DialCodes.list("D", "12345678901234567")));
        assertEquals(List.of("1234567890123456"), DialCodes.single("p", "1234567890123456"));
        assertEquals("p: '1 2' is not digits", reason(() -> DialCodes.single("p", "1 2")));
    }
}
