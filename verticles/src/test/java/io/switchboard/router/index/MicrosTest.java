package io.switchboard.router.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MicrosTest {

    @Test
    void formatsPlainDecimalsWithoutTrailingZeros() {
        assertEquals("0.01278", Micros.format(12_780));
        assertEquals("1", Micros.format(1_000_000));
        assertEquals("0", Micros.format(0));
        assertEquals("0.000001", Micros.format(1));
        assertEquals("-0.000005", Micros.format(-5));
        assertEquals("12.5", Micros.format(12_500_000));
    }

    @Test
    void formatAgreesWithBigDecimal() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long micros = random.nextLong(-10_000_000_000L, 10_000_000_000L);
            String expected = BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
            assertEquals(expected, Micros.format(micros), String.valueOf(micros));
            assertEquals(BigDecimal.valueOf(micros, 6).stripTrailingZeros(), Micros.toPlainDecimal(micros),
                    String.valueOf(micros));
        }
    }
}
