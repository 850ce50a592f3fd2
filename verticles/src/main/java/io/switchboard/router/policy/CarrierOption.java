package io.switchboard.router.policy;

/**
 * Everything the ranker weighs about one carrier for one request.
 *
 * @param profile the carrier's configuration
 * @param status its live condition
 * @param quote its effective rate for the destination, or null when its deck does not cover it
 * @param closed whether its deck withdrew the destination's code ("Closed" row in effect)
 * @param hasDeck whether it has a published deck for the service at all
 */
public record CarrierOption(CarrierProfile profile, CarrierStatus status, Quote quote, boolean closed,
                            boolean hasDeck) {
}
