package io.switchboard.router.deck;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deck-wide rules over the rows of one file, checked as they stream by:
 * <ul>
 *   <li>one currency: the first accepted row sets the deck's currency; a later row in another
 *       currency is rejected;</li>
 *   <li>no duplicate (prefix, effective from): a later row repeating a pair is rejected, naming
 *       the row that had it first (also within one row's list).</li>
 * </ul>
 * A source row is accepted or rejected whole. Memory: one map entry per accepted prefix and date
 * (about 300k for the largest deck), holding the row's own prefix string and its row number.
 */
final class DeckConsistency {

    private record Key(String prefix, Instant from) {
    }

    private final Map<Key, Long> firstRow = new HashMap<>(1 << 16);
    private String currency;
    private long currencyRow;

    /**
     * Checks a source row's deck rows and, if they pass, records them.
     *
     * @param rows the rows of one source row (same row number, same currency)
     * @return {@code null} if accepted, else the rejection reason
     */
    String accept(List<DeckRow> rows) {
        DeckRow head = rows.get(0);
        if (currency != null && !currency.equals(head.currency())) {
            return "currency: '" + head.currency() + "' differs from the deck's currency '" + currency
                    + "' (set by row " + currencyRow + ")";
        }
        Set<Key> own = rows.size() > 1 ? new HashSet<>() : null;
        for (DeckRow r : rows) {
            Key k = new Key(r.prefix(), r.effectiveFrom());
            Long first = firstRow.get(k);
            if (first != null) {
                return "prefix " + r.prefix() + " with effective_from " + Fields.show(r.effectiveFrom())
                        + " duplicates row " + first;
            }
            if (own != null && !own.add(k)) {
                return "prefix " + r.prefix() + " appears twice in this row";
            }
        }
        for (DeckRow r : rows) {
            firstRow.put(new Key(r.prefix(), r.effectiveFrom()), r.rowNumber());
        }
        if (currency == null) {
            currency = head.currency();
            currencyRow = head.rowNumber();
        }
        return null;
    }

    /** @return the deck's currency, or {@code null} before the first accepted row */
    String currency() {
        return currency;
    }
}
