package io.switchboard.router.store;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How version {@code to} differs from version {@code from}, per prefix (each prefix's latest
 * row by effective date): added, removed, price up, price down.
 *
 * @param from the older version
 * @param to the newer version
 * @param counts change → number of prefixes ({@code added}, {@code removed}, {@code up}, {@code down}, {@code same})
 * @param changes the changed prefixes, ordered by prefix, at most the limit asked
 */
public record DeckDiff(long from, long to, Map<String, Long> counts, List<Change> changes) {

    /**
     * @param prefix the prefix
     * @param change {@code added}, {@code removed}, {@code up} or {@code down}
     * @param oldRate its rate in {@code from}, or null
     * @param newRate its rate in {@code to}, or null
     */
    public record Change(String prefix, String change, BigDecimal oldRate, BigDecimal newRate) {
    }

    /** Copies the collections. */
    public DeckDiff {
        counts = Map.copyOf(counts);
        changes = List.copyOf(changes);
    }
}
