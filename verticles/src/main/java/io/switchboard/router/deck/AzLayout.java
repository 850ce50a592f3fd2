package io.switchboard.router.deck;

/**
 * The A–Z deck layout of {@code shared/data/decks/} (Telnyx, Plivo, Bandwidth and the wholesale
 * decks): a header row first, then one prefix per row —
 * {@code prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency},
 * e.g. {@code 1201,United States New Jersey,0.00369,0,6,6,2026-01-01,,USD}.
 *
 * <p>A {@link MappedLayout} with the preset {@link #MAPPING}, strict: the header must be the first
 * non-blank line; a prefix is 1–16 digits (no {@code +}, no list); rate and connect fee are plain
 * decimals (an empty connect fee is 0); increments are positive whole seconds; dates are
 * {@code yyyy-MM-dd} read as 00:00 UTC, an empty {@code effective_from} meaning always and an empty
 * {@code effective_until} open-ended ({@code effective_until} is exclusive and must be after
 * {@code effective_from}); the currency is an ISO 4217 code. Any malformed data row, including one
 * with a different number of fields than the header, is a rejection.
 */
public final class AzLayout extends MappedLayout {

    /** The preset column mapping of the A–Z layout. */
    public static final ColumnMapping MAPPING = ColumnMapping.builder()
            .prefix("prefix")
            .destination("destination")
            .rate("rate_per_min")
            .connectFee("connect_fee")
            .increments("initial_increment_s", "next_increment_s")
            .effectiveFrom("effective_from")
            .effectiveUntil("effective_until")
            .datePattern("yyyy-MM-dd")
            .currency("currency")
            .build();

    /** The A–Z layout, named {@code az}. */
    public AzLayout() {
        super("az", MAPPING);
    }
}
