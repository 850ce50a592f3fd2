package io.switchboard.router.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The parsing side of {@link RatesCopy#copyOut}: lines as PostgreSQL's CSV output writes them
 * (quoting only what needs it) and {@code numeric(14,6)} prices as exact micro-units. The round
 * trip through a real database is in {@code RoutingApiTest}.
 */
class RatesCopyTest {

    @Test
    void linesAreCutIntoTheirFieldsWithQuotesCommasAndEmptyFields() {
        String[] fields = new String[9];
        RatesCopy.splitCsvLine("4420,United Kingdom London,0.012000,0.000000,6,6,f,1767225600,\n", fields);
        assertArrayEquals(new String[] {"4420", "United Kingdom London", "0.012000", "0.000000", "6", "6", "f",
            "1767225600", ""}, fields);
        RatesCopy.splitCsvLine("33,\"France, \"\"Metro\"\"\",0.007000,0.000000,60,60,t,,1798675200\r\n", fields);
        assertArrayEquals(new String[] {"33", "France, \"Metro\"", "0.007000", "0.000000", "60", "60", "t", "",
            "1798675200"}, fields);
        RatesCopy.splitCsvLine("34,\"\",0.008000,0.000000,1,1,f,,\n", fields);
        assertEquals("", fields[1]);
        RatesCopy.splitCsvLine("35,\"two\nlines\",0.008000,0.000000,1,1,f,,", fields);
        assertEquals("two\nlines", fields[1]);
    }

    @Test
    void linesOfAnotherShapeAreRefused() {
        String[] fields = new String[9];
        assertThrows(IllegalStateException.class, () -> RatesCopy.splitCsvLine("1,2,3\n", fields));
        assertThrows(IllegalStateException.class, () -> RatesCopy.splitCsvLine("1,2,3,4,5,6,7,8,9,10\n", fields));
        assertThrows(IllegalStateException.class, () -> RatesCopy.splitCsvLine("1,\"open,3,4,5,6,7,8,9\n", fields));
    }

    @Test
    void pricesBecomeExactMicroUnits() {
        assertEquals(3_690, RatesCopy.micros("0.003690"));
        assertEquals(12_345_678_000_001L, RatesCopy.micros("12345678.000001"));
        assertEquals(0, RatesCopy.micros("0.000000"));
        assertEquals(5_000_000, RatesCopy.micros("5"));
        assertEquals(500_000, RatesCopy.micros("0.5"));
        assertThrows(IllegalStateException.class, () -> RatesCopy.micros("0.0000001"));
        assertThrows(IllegalStateException.class, () -> RatesCopy.micros("-1.0"));
        assertThrows(IllegalStateException.class, () -> RatesCopy.micros("1e3"));
        assertThrows(IllegalStateException.class, () -> RatesCopy.micros(""));
    }
}
