package io.switchboard.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DeliveryScheduleTest {

    private static final int DRAWS = 10_000;

    private final RandomGenerator random = new SplittableRandom(20_240_601L);

    @Test
    void theStandardScheduleIsEightAttempts() {
        DeliverySchedule standard = DeliverySchedule.standard();
        assertEquals(8, standard.maxAttempts());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
                Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12)),
                standard.delays());
    }

    @Test
    void theStandardScheduleSpansAboutADay() {
        Duration span = DeliverySchedule.standard().delays().stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofHours(22).plusMinutes(12).plusSeconds(30), span);
        assertTrue(span.compareTo(Duration.ofHours(20)) >= 0, span::toString);
        assertTrue(span.compareTo(Duration.ofHours(26)) <= 0, span::toString);
    }

    @Test
    void everyJitteredWaitIsBetweenHalfAndAllOfItsDelay() {
        DeliverySchedule standard = DeliverySchedule.standard();
        for (int attempts = 1; attempts < standard.maxAttempts(); attempts++) {
            long max = standard.delays().get(attempts - 1).toMillis();
            long lowest = Long.MAX_VALUE;
            long highest = Long.MIN_VALUE;
            for (int i = 0; i < DRAWS; i++) {
                long wait = standard.nextDelay(attempts, random).orElseThrow().toMillis();
                assertTrue(wait >= max / 2 && wait <= max, attempts + ": " + wait);
                lowest = Math.min(lowest, wait);
                highest = Math.max(highest, wait);
            }
            // Uniform over the range: 10 000 draws come within 1% of both ends.
            assertTrue(lowest < max / 2 + max / 100, attempts + ": lowest " + lowest);
            assertTrue(highest > max - max / 100, attempts + ": highest " + highest);
        }
    }

    @Test
    void jitterIsUniformNotSkewed() {
        DeliverySchedule schedule = new DeliverySchedule(2, List.of(Duration.ofSeconds(100)));
        int[] tenths = new int[10];
        for (int i = 0; i < DRAWS; i++) {
            long wait = schedule.nextDelay(1, random).orElseThrow().toMillis();
            tenths[(int) Math.min(9, (wait - 50_000) / 5_000)]++;
        }
        for (int count : tenths) {
            assertTrue(count > 850 && count < 1150, Arrays.toString(tenths));
        }
    }

    @Test
    void theTotalWaitOfAStandardRunIsBetweenHalfAndAllOfTheSpan() {
        DeliverySchedule standard = DeliverySchedule.standard();
        Duration span = Duration.ofHours(22).plusMinutes(12).plusSeconds(30);
        for (int run = 0; run < 1_000; run++) {
            Duration total = Duration.ZERO;
            int attempts = 1;
            for (Optional<Duration> wait = standard.nextDelay(attempts, random); wait.isPresent();
                    wait = standard.nextDelay(++attempts, random)) {
                total = total.plus(wait.get());
            }
            assertEquals(8, attempts, "dead-lettered after the 8th attempt");
            assertTrue(total.compareTo(span.dividedBy(2)) >= 0 && total.compareTo(span) <= 0,
                    total::toString);
        }
    }

    @Test
    void deadLetterAfterTheLastAttempt() {
        DeliverySchedule standard = DeliverySchedule.standard();
        assertTrue(standard.nextDelay(7, random).isPresent());
        assertEquals(Optional.empty(), standard.nextDelay(8, random));
        assertEquals(Optional.empty(), standard.nextDelay(9, random));
        assertEquals(Optional.empty(), standard.nextDelay(Integer.MAX_VALUE, random));
    }

    @Test
    void aSingleAttemptNeverRetries() {
        DeliverySchedule once = new DeliverySchedule(1, List.of());
        assertEquals(Optional.empty(), once.nextDelay(1, random));
    }

    @Test
    void theSmallestDelayIsExact() {
        DeliverySchedule schedule = new DeliverySchedule(2, List.of(Duration.ofMillis(1)));
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.of(Duration.ofMillis(1)), schedule.nextDelay(1, random));
        }
        DeliverySchedule three = new DeliverySchedule(2, List.of(Duration.ofMillis(3)));
        for (int i = 0; i < 100; i++) {
            long wait = three.nextDelay(1, random).orElseThrow().toMillis();
            assertTrue(wait == 2 || wait == 3, "ceil(3/2) to 3: " + wait);
        }
    }

    @Test
    void theDelaysAreCopied() {
        List<Duration> delays = new ArrayList<>(List.of(Duration.ofSeconds(1)));
        DeliverySchedule schedule = new DeliverySchedule(2, delays);
        delays.set(0, Duration.ofDays(1));
        assertEquals(List.of(Duration.ofSeconds(1)), schedule.delays());
        assertThrows(UnsupportedOperationException.class, () -> schedule.delays().clear());
    }

    @Test
    void badConstructorArgumentsAreNamed() {
        List<Duration> one = List.of(Duration.ofSeconds(1));
        assertRefused("maxAttempts", () -> new DeliverySchedule(0, List.of()));
        assertRefused("maxAttempts", () -> new DeliverySchedule(-3, one));
        assertRefused("delays", () -> new DeliverySchedule(2, null));
        assertRefused("delays", () -> new DeliverySchedule(3, one));
        assertRefused("delays", () -> new DeliverySchedule(1, one));
        assertRefused("delays[0]", () -> new DeliverySchedule(2, Arrays.asList((Duration) null)));
        assertRefused("delays[0]", () -> new DeliverySchedule(2, List.of(Duration.ZERO)));
        assertRefused("delays[0]", () -> new DeliverySchedule(2, List.of(Duration.ofNanos(999_999))));
        assertRefused("delays[1]", () -> new DeliverySchedule(3,
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(-1))));
        assertRefused("delays[0]", () -> new DeliverySchedule(2, List.of(Duration.ofDays(7).plusMillis(1))));
        assertRefused("delays[0]", () -> new DeliverySchedule(2, List.of(Duration.ofSeconds(Long.MAX_VALUE))));
        assertEquals(List.of(DeliverySchedule.MAX_DELAY),
                new DeliverySchedule(2, List.of(DeliverySchedule.MAX_DELAY)).delays());
    }

    @Test
    void badNextDelayArgumentsAreNamed() {
        DeliverySchedule standard = DeliverySchedule.standard();
        assertRefused("attemptsSoFar", () -> standard.nextDelay(0, random));
        assertRefused("attemptsSoFar", () -> standard.nextDelay(-1, random));
        assertEquals("random", assertThrows(NullPointerException.class,
                () -> standard.nextDelay(1, null)).getMessage());
    }

    private static void assertRefused(String argument, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(argument), e.getMessage());
    }
}
