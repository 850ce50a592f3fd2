package io.switchboard.contract.bus;

/**
 * An operator's {@code disable} or {@code enable} of a carrier ({@link Addresses#HEALTH_DISABLE},
 * {@link Addresses#HEALTH_ENABLE}); the reply is the carrier's {@link CarrierHealthView}.
 *
 * @param carrier carrier id
 * @param reason why, for the health log (required)
 * @param actor who ({@code cli}, an API key id, ...)
 */
public record HealthCommand(String carrier, String reason, String actor) {
}
