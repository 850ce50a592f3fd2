/**
 * Rate-deck import, the parsing half: streaming CSV readers that turn the layouts carriers send
 * into validated {@link io.switchboard.router.deck.DeckRow}s and a row-level rejection report
 * (TEL-602).
 *
 * <p>Use: pick a {@link io.switchboard.router.deck.DeckLayout} — by id with
 * {@link io.switchboard.router.deck.DeckFormat#fromId}, by header with
 * {@link io.switchboard.router.deck.DeckFormat#sniff}, or a
 * {@link io.switchboard.router.deck.MappedLayout} from a
 * {@link io.switchboard.router.deck.ColumnMapping} — and run
 * {@link io.switchboard.router.deck.DeckReader#read}, which pushes rows and
 * {@link io.switchboard.router.deck.RowRejection}s to consumers and returns a
 * {@link io.switchboard.router.deck.ReadSummary}. Publishing all-or-nothing versus skipping bad rows
 * is decided by the caller from the summary.
 *
 * <p>Choices where the sources are silent:
 * <ul>
 *   <li>Money is {@link java.math.BigDecimal} as written; only '.' is a decimal separator ("0,0495"
 *       is rejected: ',' is the CSV delimiter and a thousands separator elsewhere).</li>
 *   <li>Dates are UTC; a date without time is 00:00 UTC; effective_until is exclusive, so an A–Z
 *       row with {@code effective_until 2026-12-31} is no longer in force on 31 December.</li>
 *   <li>Twilio's price list has no increments: 60/60 (Twilio rounds partial minutes up), USD, no
 *       connect fee, effective always — all overridable via
 *       {@link io.switchboard.router.deck.TwilioPriceListLayout.Options}.</li>
 *   <li>Supplier notice: dates on or before the issue date become effective_from {@code null}
 *       (the normalised form's "ASAP"); {@code Closed} rows are {@code closed = true} from their
 *       date, keeping their rate.</li>
 * </ul>
 */
package io.switchboard.router.deck;
