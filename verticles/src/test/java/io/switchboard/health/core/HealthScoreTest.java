package io.switchboard.health.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthScoreTest {

    private static final long MIN = 60_000L;

    @ParameterizedTest(name = "latency {0} ms, errors {1}%, incident {2} ms ago -> {3}")
    @CsvSource(nullValues = "none", value = {
        // latency: full 10 ms steps above 100 ms
        "0,      0,    none,        100",
        "100,    0,    none,        100",
        "109.99, 0,    none,        100",
        "110,    0,    none,        99",
        "150,    0,    none,        95",
        "155,    0,    none,        95",
        "1100,   0,    none,        0",
        // errors: floor(2 x percent)
        "0,      2,    none,        96",
        "0,      2.5,  none,        95",
        "0,      2.4,  none,        96",
        "0,      0.4,  none,        100",
        "0,      0.29, none,        100",
        "0,      14.5, none,        71",
        "0,      50,   none,        0",
        "0,      100,  none,        0",
        // incident: -20 under 30 min, -10 under 60 min
        "0,      0,    0,           80",
        "0,      0,    600000,      80",
        "0,      0,    1799999,     80",
        "0,      0,    1800000,     90",
        "0,      0,    2700000,     90",
        "0,      0,    3599999,     90",
        "0,      0,    3600000,     100",
        "0,      0,    7200000,     100",
        // combined
        "150,    2,    600000,      71",
        "180,    12,   2700000,     58",
        "400,    30,   0,           0",
    })
    void formulaTable(double latencyMs, double errorPercent, Long msSinceIncident, int expected) {
        assertEquals(expected, HealthScore.compute(latencyMs, errorPercent, msSinceIncident));
    }

    @Test
    void binaryRoundingDoesNotCostAPoint() {
        // 0.145 * 100 = 14.499999999999998 in binary; x2 = 28.999999999999996 must floor to 29
        double percent = 0.145 * 100;
        assertEquals(71, HealthScore.compute(0, percent, null));
        assertEquals(29, HealthScore.errorPenalty(percent));
    }

    @Test
    void bands() {
        assertEquals(HealthBand.HEALTHY, HealthScore.band(100));
        assertEquals(HealthBand.HEALTHY, HealthScore.band(80));
        assertEquals(HealthBand.DEGRADED, HealthScore.band(79));
        assertEquals(HealthBand.DEGRADED, HealthScore.band(50));
        assertEquals(HealthBand.DOWN, HealthScore.band(49));
        assertEquals(HealthBand.DOWN, HealthScore.band(0));
        assertEquals(HealthState.DEGRADED, HealthBand.DEGRADED.state());
    }

    @Test
    void rejectsImpossibleInputs() {
        assertThrows(IllegalArgumentException.class, () -> HealthScore.compute(-1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> HealthScore.compute(Double.NaN, 0, null));
        assertThrows(IllegalArgumentException.class, () -> HealthScore.compute(0, 100.5, null));
        assertThrows(IllegalArgumentException.class, () -> HealthScore.compute(0, -0.1, null));
        assertThrows(IllegalArgumentException.class, () -> HealthScore.compute(0, 0, -MIN));
    }

    @Test
    void wireNames() {
        assertEquals("disabled", HealthState.DISABLED.wireName());
        assertEquals(HealthState.DEGRADED, HealthState.fromWire("degraded"));
        assertEquals(HealthState.DOWN, HealthState.fromWire("DOWN"));
        assertThrows(IllegalArgumentException.class, () -> HealthState.fromWire("sideways"));
        assertThrows(IllegalArgumentException.class, () -> HealthState.fromWire(null));
        assertEquals("timeout", Outcome.TIMEOUT.wireName());
    }
}
