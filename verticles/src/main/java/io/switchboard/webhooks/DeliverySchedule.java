package io.switchboard.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to retry a failed webhook delivery, and when to give up and dead-letter it.
 *
 * <p>Attempts are counted including the first delivery: after attempt {@code n} fails
 * ({@code 1 <= n < maxAttempts}) the next attempt waits about {@code delays[n - 1]}; after attempt
 * {@code maxAttempts} fails the delivery is dead-lettered. So a schedule has
 * {@code maxAttempts - 1} delays.
 *
 * <p>Each wait is "equal jitter" as described in the AWS Architecture Blog post "Exponential
 * Backoff And Jitter" (Marc Brooker, 2015): uniformly random in {@code [delay/2, delay]}
 * (millisecond resolution, both ends inclusive, delay/2 rounded up). Half the delay is
 * guaranteed, so a receiver that is down gets breathing room, and the other half spreads the
 * retries of many deliveries that failed together.
 *
 * <p>{@link #standard()}: 8 attempts, waits of at most 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h
 * (22 h 12 min 30 s in total, at least half that with jitter), roughly multiplying by 3 to 6
 * each time.
 */
public final class DeliverySchedule {

    /** The longest single delay accepted, so a unit slip such as days for minutes is caught. */
    public static final Duration MAX_DELAY = Duration.ofDays(7);

    private static final List<Duration> STANDARD_DELAYS = List.of(
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12));

    private final int maxAttempts;
    private final List<Duration> delays;

    /**
     * @param maxAttempts the most delivery attempts, the first included; at least 1
     * @param delays the wait before attempt 2, 3, ... maxAttempts: exactly
     *     {@code maxAttempts - 1} entries, each from 1 ms to {@link #MAX_DELAY}; copied
     * @throws IllegalArgumentException naming maxAttempts or delays when they break these rules
     */
    public DeliverySchedule(int maxAttempts, List<Duration> delays) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (delays == null) {
            throw new IllegalArgumentException("delays must not be null");
        }
        if (delays.size() != maxAttempts - 1) {
            throw new IllegalArgumentException("delays must have maxAttempts - 1 = "
                    + (maxAttempts - 1) + " entries, not " + delays.size());
        }
        for (int i = 0; i < delays.size(); i++) {
            Duration delay = delays.get(i);
            if (delay == null || delay.compareTo(MAX_DELAY) > 0 || delay.toMillis() < 1) {
                throw new IllegalArgumentException(
                        "delays[" + i + "] must be from 1 ms to " + MAX_DELAY + ": " + delay);
            }
        }
        this.maxAttempts = maxAttempts;
        this.delays = List.copyOf(delays);
    }

    /**
     * @return 8 attempts with waits of at most 30 s, 2 min, 10 min, 1 h, 3 h, 6 h and 12 h
     */
    public static DeliverySchedule standard() {
        return new DeliverySchedule(STANDARD_DELAYS.size() + 1, STANDARD_DELAYS);
    }

    /**
     * @param attemptsSoFar delivery attempts made and failed, the first included; at least 1
     * @param random the source of jitter
     * @return the wait before the next attempt, uniformly random in {@code [d/2, d]} for the
     *     base delay {@code d = delays[attemptsSoFar - 1]} (whole milliseconds); empty when
     *     {@code attemptsSoFar >= maxAttempts}, meaning dead-letter the delivery
     * @throws IllegalArgumentException naming attemptsSoFar when below 1
     * @throws NullPointerException naming random when null
     */
    public Optional<Duration> nextDelay(int attemptsSoFar, RandomGenerator random) {
        if (attemptsSoFar < 1) {
            throw new IllegalArgumentException(
                    "attemptsSoFar must be at least 1: " + attemptsSoFar);
        }
        Objects.requireNonNull(random, "random");
        if (attemptsSoFar >= maxAttempts) {
            return Optional.empty();
        }
        long max = delays.get(attemptsSoFar - 1).toMillis();
        long min = max - max / 2;
        return Optional.of(Duration.ofMillis(random.nextLong(min, max + 1)));
    }

    /** @return the most delivery attempts, the first included */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the base (largest) wait before attempt 2, 3, ...; unmodifiable */
    public List<Duration> delays() {
        return delays;
    }
}
