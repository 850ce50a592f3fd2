package io.switchboard.router.deck;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deck-wide rules over the rows of one file, checked as they stream by:
 * <ul>
 *   <li>one currency: the first accepted row sets the deck's currency; a later row in another
 *       currency is rejected;</li>
 *   <li>no duplicate (prefix, effective from): a later row repeating a pair is rejected, naming
 *       the row that had it first (also within one row's list).</li>
 * </ul>
 * A source row is accepted or rejected whole.
 *
 * <p>Memory: one entry per accepted (prefix, effective from) pair (about 300k for the largest
 * deck) in an open-addressing table of primitive arrays (a prefix of 1–16 digits packed into a
 * {@code long} with its length, the instant as seconds and nanos, the row number): about 50 bytes
 * per entry in a few large arrays and no object per row, so that a deck's worth of entries does not
 * have to be copied by every young garbage collection while the file streams by.
 */
final class DeckConsistency {

    /** A pair within one source row (a list or range cell), for the "twice in this row" check. */
    private record Key(String prefix, Instant from) {
    }

    private final FirstRows firstRow = new FirstRows();
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
            long first = firstRow.get(r.prefix(), r.effectiveFrom());
            if (first >= 0) {
                return "prefix " + r.prefix() + " with effective_from " + Fields.show(r.effectiveFrom())
                        + " duplicates row " + first;
            }
            if (own != null && !own.add(new Key(r.prefix(), r.effectiveFrom()))) {
                return "prefix " + r.prefix() + " appears twice in this row";
            }
        }
        for (DeckRow r : rows) {
            firstRow.put(r.prefix(), r.effectiveFrom(), r.rowNumber());
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

    /**
     * (prefix, effective from) → first row number, as an open-addressing hash table (linear
     * probing, at most half full) over parallel arrays.
     */
    private static final class FirstRows {

        private static final long NO_INSTANT = Long.MIN_VALUE;

        /** {@code digits × 32 + length} of the prefix (never 0: a prefix has ≥ 1 digit); 0 = free slot. */
        private long[] prefixes = new long[1 << 16];
        private long[] fromSeconds = new long[1 << 16];
        private int[] fromNanos = new int[1 << 16];
        private long[] rowNumbers = new long[1 << 16];
        private int size;

        /** @return the row number stored for the pair, or -1 */
        long get(String prefix, Instant from) {
            long key = pack(prefix);
            long seconds = from == null ? NO_INSTANT : from.getEpochSecond();
            int nanos = from == null ? 0 : from.getNano();
            int mask = prefixes.length - 1;
            for (int i = slot(key, seconds, mask); prefixes[i] != 0; i = (i + 1) & mask) {
                if (prefixes[i] == key && fromSeconds[i] == seconds && fromNanos[i] == nanos) {
                    return rowNumbers[i];
                }
            }
            return -1;
        }

        /** Stores the pair, which must not be present. */
        void put(String prefix, Instant from, long rowNumber) {
            if (2 * (size + 1) > prefixes.length) {
                grow();
            }
            insert(pack(prefix), from == null ? NO_INSTANT : from.getEpochSecond(), from == null ? 0 : from.getNano(),
                    rowNumber);
            size++;
        }

        private void insert(long key, long seconds, int nanos, long rowNumber) {
            int mask = prefixes.length - 1;
            int i = slot(key, seconds, mask);
            while (prefixes[i] != 0) {
                i = (i + 1) & mask;
            }
            prefixes[i] = key;
            fromSeconds[i] = seconds;
            fromNanos[i] = nanos;
            rowNumbers[i] = rowNumber;
        }

        private void grow() {
            long[] oldPrefixes = prefixes;
            long[] oldSeconds = fromSeconds;
            int[] oldNanos = fromNanos;
            long[] oldRows = rowNumbers;
            int capacity = oldPrefixes.length * 2;
            prefixes = new long[capacity];
            fromSeconds = new long[capacity];
            fromNanos = new int[capacity];
            rowNumbers = new long[capacity];
            for (int i = 0; i < oldPrefixes.length; i++) {
                if (oldPrefixes[i] != 0) {
                    insert(oldPrefixes[i], oldSeconds[i], oldNanos[i], oldRows[i]);
                }
            }
        }

        private static int slot(long key, long seconds, int mask) {
            long h = (key * 0x9E3779B97F4A7C15L) ^ (seconds * 0xC2B2AE3D27D4EB4FL);
            return (int) (h ^ (h >>> 29)) & mask;
        }

        /** A deck row's prefix (1–16 ASCII digits, checked by {@link DeckRow}) as one exact {@code long}. */
        private static long pack(String prefix) {
            long digits = 0;
            for (int i = 0; i < prefix.length(); i++) {
                digits = digits * 10 + (prefix.charAt(i) - '0');
            }
            return digits * 32 + prefix.length();
        }
    }
}
