package io.switchboard.router.policy;

/**
 * A carrier's price for one destination: the effective rate found by longest-prefix match in its
 * published deck. Amounts are micro-units (10⁻⁶) of {@code currency}.
 *
 * @param carrier carrier id
 * @param deckVersion the deck version the rate comes from
 * @param matchedPrefix the longest prefix of the destination found in the deck
 * @param destination the deck's name for it
 * @param rateMicros rate per minute (voice) or per message (SMS), micro-units
 * @param connectFeeMicros connect fee, micro-units
 * @param initialIncrement first billing increment, seconds
 * @param nextIncrement following increments, seconds
 * @param currency ISO 4217 code
 */
public record Quote(String carrier, long deckVersion, String matchedPrefix, String destination, long rateMicros,
                    long connectFeeMicros, int initialIncrement, int nextIncrement, String currency) {
}
