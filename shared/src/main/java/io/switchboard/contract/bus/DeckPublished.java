package io.switchboard.contract.bus;

/**
 * Published on {@link Addresses#DECKS_PUBLISHED} when a rate-deck version becomes the carrier's
 * published deck for a service; every router reloads it from PostgreSQL and swaps its index.
 *
 * @param deckId the new version
 * @param carrier the carrier
 * @param service the service ({@code voice}, {@code sms}, ...)
 * @param rows rows in the version
 */
public record DeckPublished(long deckId, String carrier, String service, int rows) {
}
