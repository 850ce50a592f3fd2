package io.switchboard.contract.bus;

/**
 * One carrier's health towards one destination group (a country calling code), from the passive
 * outcomes of the attempts priced by that group's prefixes: {@code GET /v1/carriers/health/destinations},
 * {@link Addresses#HEALTH_DESTINATIONS}. A carrier can fail towards one country while it works
 * elsewhere; this is the evidence. Routing still uses the carrier-wide state.
 *
 * @param carrier carrier id
 * @param destination the country calling code, e.g. {@code 44}
 * @param state {@code healthy}, {@code degraded}, {@code down} (same rules as the carrier-wide state)
 * @param score 0–100, the specification's formula over this group's outcomes
 * @param asr answer-seizure ratio over the window, 0..1 (null without samples)
 * @param errorRatePercent failed attempts over the window, percent
 * @param samples attempts in the window
 * @param consecutiveFailures failed attempts in a row, now
 * @param reason why the group is in its state
 */
public record DestinationHealthView(String carrier, String destination, String state, int score, Double asr,
                                    double errorRatePercent, long samples, int consecutiveFailures, String reason) {

}
