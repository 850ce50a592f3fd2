package io.switchboard.contract.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The router's decision for one request (DESIGN section 4 and 5): the candidates in the order they
 * will be tried, each with the reason for its place, and the carriers left out, each with why.
 * An empty candidate list means no route ({@code TEL-002} when nothing covers the destination,
 * {@code TEL-601} when every covering carrier is excluded).
 *
 * @param requestId id of the request (call or message) routed
 * @param service the service routed
 * @param destination the destination number
 * @param candidates ordered candidates, first tried first; copied, unmodifiable
 * @param excluded carriers left out; copied, unmodifiable
 * @param decidedAt when the plan was made (UTC)
 * @param decisionMicros time taken to make the plan, in microseconds
 */
public record RoutePlan(
        String requestId,
        Service service,
        E164 destination,
        List<Candidate> candidates,
        List<ExcludedCandidate> excluded,
        Instant decidedAt,
        long decisionMicros) {

    /**
     * Validates the components.
     *
     * @param requestId id of the request (call or message) routed
     * @param service the service routed
     * @param destination the destination number
     * @param candidates ordered candidates, first tried first; copied, unmodifiable
     * @param excluded carriers left out; copied, unmodifiable
     * @param decidedAt when the plan was made (UTC)
     * @param decisionMicros time taken to make the plan, in microseconds
     * @throws NullPointerException if a field or a list element is null
     * @throws IllegalArgumentException if {@code decisionMicros} is negative
     */
    public RoutePlan {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(decidedAt, "decidedAt");
        candidates = List.copyOf(candidates);
        excluded = List.copyOf(excluded);
        if (decisionMicros < 0) {
            throw new IllegalArgumentException("negative decision time: " + decisionMicros);
        }
    }

    /** @return the first candidate, or empty when there is no route */
    public Optional<Candidate> first() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /**
     * One carrier the request may be sent to.
     *
     * @param carrier the carrier id
     * @param tier priority tier, lower first (as Twilio, Kamailio lcr and DNS SRV), at least 0
     * @param matchedPrefix the rate-deck prefix matched by longest-prefix match, e.g.
     *     {@code "4420"}
     * @param rate the matched rate (per minute or per message)
     * @param estimatedCost the estimated cost of the request on this carrier
     * @param healthScore the carrier's health score, 0 (down) to 100 (perfect)
     * @param breakerState the carrier's circuit-breaker state (never {@code OPEN} for a candidate
     *     in practice; {@code HALF_OPEN} candidates are trial traffic)
     * @param deckVersion version of the rate deck the rate came from
     * @param reason why the candidate is here and in this place, for people, e.g.
     *     {@code "tier 1, cheapest at 0.0125 USD/min for 4420"}
     */
    public record Candidate(
            String carrier,
            int tier,
            String matchedPrefix,
            Money rate,
            Money estimatedCost,
            int healthScore,
            BreakerState breakerState,
            long deckVersion,
            String reason,
            Money connectFee,
            BillingIncrement increment) {

        /**
         * Validates the components.
         *
         * @param carrier the carrier id
         * @param tier priority tier, lower first (as Twilio, Kamailio lcr and DNS SRV), at least 0
         * @param matchedPrefix the rate-deck prefix matched by longest-prefix match, e.g.
         *     {@code "4420"}
         * @param rate the matched rate (per minute or per message)
         * @param estimatedCost the estimated cost of the request on this carrier
         * @param healthScore the carrier's health score, 0 (down) to 100 (perfect)
         * @param breakerState the carrier's circuit-breaker state (never {@code OPEN} for a
         *     candidate in practice; {@code HALF_OPEN} candidates are trial traffic)
         * @param deckVersion version of the rate deck the rate came from
         * @param reason why the candidate is here and in this place, for people, e.g.
         *     {@code "tier 1, cheapest at 0.0125 USD/min for 4420"}
         * @param connectFee the matched connect fee (in the currency of {@code rate}), charged once
         *     per answered call
         * @param increment the matched billing increment ({@code 60/60}, {@code 6/6}, {@code 1/1})
         * @throws NullPointerException if an object field is null
         * @throws IllegalArgumentException if {@code tier} is negative or {@code healthScore} is
         *     outside 0..100
         */
        @com.fasterxml.jackson.annotation.JsonCreator
        public Candidate {
            Objects.requireNonNull(carrier, "carrier");
            Objects.requireNonNull(matchedPrefix, "matchedPrefix");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(estimatedCost, "estimatedCost");
            Objects.requireNonNull(breakerState, "breakerState");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(connectFee, "connectFee");
            Objects.requireNonNull(increment, "increment");
            if (tier < 0) {
                throw new IllegalArgumentException("negative tier: " + tier);
            }
            if (healthScore < 0 || healthScore > 100) {
                throw new IllegalArgumentException("health score outside 0..100: " + healthScore);
            }
        }

        /**
         * A candidate without a connect fee, billed per minute (60/60); see the canonical
         * constructor for the other components.
         */
        public Candidate(String carrier, int tier, String matchedPrefix, Money rate, Money estimatedCost,
                         int healthScore, BreakerState breakerState, long deckVersion, String reason) {
            this(carrier, tier, matchedPrefix, rate, estimatedCost, healthScore, breakerState, deckVersion, reason,
                    Money.zero(rate.currency()), BillingIncrement.PER_MINUTE);
        }
    }

    /**
     * A carrier that was left out of the plan.
     *
     * @param carrier the carrier id
     * @param reason why, as a category
     * @param detail for people, e.g. {@code "breaker open since 18:25:02Z"}; may be null
     */
    public record ExcludedCandidate(String carrier, ExclusionReason reason, String detail) {

        /**
         * Validates the components.
         *
         * @param carrier the carrier id
         * @param reason why, as a category
         * @param detail for people, e.g. {@code "breaker open since 18:25:02Z"}; may be null
         * @throws NullPointerException if {@code carrier} or {@code reason} is null
         */
        public ExcludedCandidate {
            Objects.requireNonNull(carrier, "carrier");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
