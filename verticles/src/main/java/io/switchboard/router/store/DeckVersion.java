package io.switchboard.router.store;

import java.time.Instant;

/**
 * One stored rate-deck version ({@code rate_decks} row).
 *
 * @param id the version number, unique across carriers (a {@code bigserial})
 * @param carrier carrier id ({@code telnyx})
 * @param service {@code voice}, {@code sms}, {@code mms} or {@code fax}
 * @param status {@code importing}, {@code published}, {@code rejected} or {@code superseded}
 * @param rowCount rows stored in {@code rates}
 * @param currency ISO 4217 code of every rate of the version
 * @param sourceName the file name it was imported from (may be null)
 * @param importedAt when the import started (UTC)
 * @param publishedAt when it was published (UTC), or null
 */
public record DeckVersion(long id, String carrier, String service, String status, int rowCount, String currency,
                          String sourceName, Instant importedAt, Instant publishedAt) {
}
