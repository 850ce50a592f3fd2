package io.switchboard.router.index;

import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckRow;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ObjIntConsumer;

/**
 * One carrier's rate deck version for one service, indexed for longest-prefix match.
 *
 * <h2>Layout</h2>
 * The rows of one prefix form a <em>group</em>: a contiguous range of row indexes sorted by
 * {@code effectiveFrom} (a prefix may have several rows: today's rate and a future one, or a rate
 * and a later "Closed" row). A {@link PrefixTrie} maps each prefix to the <em>last</em> row of its
 * group (so a lookup goes from trie node to row without another indirection). Row data live in
 * parallel primitive arrays: prices as {@code long} micro-units (see {@link Micros}), increments
 * as {@code int}, destination as an index into a deduplicated name table, and one {@code int} of
 * <em>meta</em> per row: closed flag, first-row-of-group flag and the index of the row's
 * effective period in a deduplicated table of periods (epoch seconds, {@link #OPEN_FROM} /
 * {@link #OPEN_UNTIL} for an open end; a deck has few distinct periods, so the table stays in
 * cache). The hot path reads one trie slot and one meta int per prefix on the number's path.
 *
 * <h2>Lookup semantics</h2>
 * For a number (digits only, no {@code +}) at an instant {@code t} (epoch seconds):
 * <ol>
 *   <li>Walk the trie along the digits; the walk stops at the end of the number, at a prefix the
 *       deck does not extend, or at the first character that is not {@code '0'..'9'} (only the
 *       digits before it count; the router passes validated E.164 digits).</li>
 *   <li>At each prefix on the path that has rows, take the row <em>effective</em> at {@code t}:
 *       {@code effectiveFrom <= t < effectiveUntil}. A row that starts later ("a rate that starts
 *       tomorrow is not used today") or has expired is ignored, so the lookup falls back to a
 *       shorter prefix. If several rows of one prefix are effective at {@code t}, the one with the
 *       latest {@code effectiveFrom} wins (a newer rate supersedes an older open-ended one).</li>
 *   <li>The deepest prefix with an effective row wins. If that row is a <em>closed</em> row, the
 *       code is withdrawn by the carrier: the number is <em>not covered</em>, even if a shorter
 *       prefix has a rate ({@link #isClosed(int)}, {@link RateMatch#closed()}). A longer prefix
 *       with an effective open row below a closed one is still routable (deepest wins).</li>
 * </ol>
 *
 * <p>Effective instants are compared at whole-second resolution (a sub-second bound is rounded
 * up to the next second, which is exact for lookups at whole seconds).
 *
 * <h2>Thread safety</h2>
 * Immutable once built: all fields final, no array written after construction. Any number of
 * threads may look up concurrently without locks; a new deck version is a new table swapped in by
 * reference.
 */
public final class RateTable {

    /** "No row". */
    public static final int NO_ROW = -1;

    /** Epoch second of an open {@code effectiveFrom}. */
    public static final long OPEN_FROM = Long.MIN_VALUE;
    /** Epoch second of an open {@code effectiveUntil}. */
    public static final long OPEN_UNTIL = Long.MAX_VALUE;

    private static final int CLOSED = 1;
    private static final int FIRST_OF_GROUP = 2;
    private static final int PERIOD_SHIFT = 2;

    private final String carrierId;
    private final Service service;
    private final long deckVersion;
    private final Currency currency;

    /** Value of a prefix's node: the last row of its group. Ids are the group numbers. */
    private final PrefixTrie trie;
    /** Group (= trie id) g owns rows {@code groupStart[g] .. groupStart[g+1]-1} (cold paths). */
    private final int[] groupStart;

    /** Per row: {@code period << 2 | FIRST_OF_GROUP | CLOSED}. */
    private final int[] meta;
    /** Per distinct period p: from at {@code 2p}, until at {@code 2p+1}, epoch seconds. */
    private final long[] periods;
    private final long[] rateMicros;
    private final long[] connectFeeMicros;
    private final int[] initialIncrement;
    private final int[] nextIncrement;
    private final int[] destination;
    private final int[] rowNumber;
    private final String[] destinations;
    private RateTable(Builder b, PrefixTrie trie, int[] groupStart, int[] perm,
            String[] destinations) {
        this.carrierId = b.carrierId;
        this.service = b.service;
        this.deckVersion = b.deckVersion;
        this.currency = b.currency;
        this.trie = trie;
        this.groupStart = groupStart;
        int n = perm.length;
        this.rateMicros = new long[n];
        this.connectFeeMicros = new long[n];
        this.initialIncrement = new int[n];
        this.nextIncrement = new int[n];
        this.meta = new int[n];
        this.destination = new int[n];
        this.rowNumber = new int[n];
        Map<Period, Integer> periodIndex = new HashMap<>();
        long[] periodTable = new long[16];
        for (int i = 0; i < n; i++) {
            int src = perm[i];
            rateMicros[i] = b.rate[src];
            connectFeeMicros[i] = b.fee[src];
            initialIncrement[i] = b.initial[src];
            nextIncrement[i] = b.next[src];
            destination[i] = b.dest[src];
            rowNumber[i] = b.rowNo[src];
            Period period = new Period(b.from[src], b.until[src]);
            Integer p = periodIndex.get(period);
            if (p == null) {
                p = periodIndex.size();
                if (2 * p + 2 > periodTable.length) {
                    periodTable = Arrays.copyOf(periodTable, periodTable.length * 2);
                }
                periodTable[2 * p] = period.from();
                periodTable[2 * p + 1] = period.until();
                periodIndex.put(period, p);
            }
            meta[i] = p << PERIOD_SHIFT | (b.closed[src] ? CLOSED : 0);
        }
        for (int g = 0; g + 1 < groupStart.length; g++) {
            meta[groupStart[g]] |= FIRST_OF_GROUP;
        }
        this.periods = Arrays.copyOf(periodTable, 2 * periodIndex.size());
        this.destinations = destinations;
    }

    private record Period(long from, long until) {
    }

    /**
     * @param carrierId the carrier, e.g. {@code telnyx}
     * @param service the service of the deck
     * @param deckVersion the deck version number
     * @param currency the deck currency; every row must be in it
     * @return a builder to stream rows into
     */
    public static Builder builder(String carrierId, Service service, long deckVersion,
            Currency currency) {
        return new Builder(carrierId, service, deckVersion, currency);
    }

    /**
     * Builds a table from rows in one go.
     *
     * @return the table
     * @throws IllegalArgumentException as {@link Builder#add} and {@link Builder#build} do
     */
    public static RateTable of(String carrierId, Service service, long deckVersion,
            Currency currency, Iterable<DeckRow> rows) {
        Builder b = builder(carrierId, service, deckVersion, currency);
        for (DeckRow row : rows) {
            b.add(row);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ lookups (hot path)

    /**
     * Walks the number and returns {@code row << 32 | matchedLength}, or -1. Allocates nothing.
     */
    private long walk(CharSequence digits, long epochSecond) {
        final PrefixTrie t = trie;
        int node = t.root();
        int bestRow = NO_ROW;
        int bestLen = 0;
        for (int i = 0, n = digits.length(); i < n; i++) {
            node = t.step(node, digits.charAt(i));
            if (node < 0) {
                break;
            }
            int last = t.value(node);
            if (last >= 0) {
                int r = effectiveRow(last, epochSecond);
                if (r >= 0) {
                    bestRow = r;
                    bestLen = i + 1;
                }
            }
        }
        return bestRow < 0 ? -1L : ((long) bestRow << 32) | bestLen;
    }

    /**
     * The row effective at t with the latest effectiveFrom in the group ending at row
     * {@code last}, or NO_ROW: scans back to the group's first row.
     */
    private int effectiveRow(int last, long t) {
        final int[] meta = this.meta;
        final long[] periods = this.periods;
        for (int r = last; ; r--) {
            int m = meta[r];
            int p = (m >>> PERIOD_SHIFT) << 1;
            if (periods[p] <= t && t < periods[p + 1]) {
                return r;
            }
            if ((m & FIRST_OF_GROUP) != 0) {
                return NO_ROW;
            }
        }
    }

    /**
     * Longest-prefix match at an instant, allocation-free (see the class comment for the rules).
     *
     * @param digits the number's digits, no {@code +}
     * @param epochSecond the decision instant, epoch seconds
     * @return the index of the row that applies, or {@link #NO_ROW} if no row covers the number.
     *     <strong>The row may be a closed one</strong> ({@link #isClosed(int)}): then the carrier
     *     does not route the number.
     */
    public int findRow(CharSequence digits, long epochSecond) {
        long w = walk(digits, epochSecond);
        return w < 0 ? NO_ROW : (int) (w >>> 32);
    }

    /**
     * {@link #findRow} and {@link #longestMatchLength} in one walk, allocation-free: the result
     * packs both; read it with {@link #matchRow} and {@link #matchLength}.
     *
     * @param digits the number's digits, no {@code +}
     * @param epochSecond the decision instant, epoch seconds
     * @return {@code row << 32 | matchedLength}, or -1 if no row covers the number
     */
    public long findMatch(CharSequence digits, long epochSecond) {
        return walk(digits, epochSecond);
    }

    /** @return the row of a {@link #findMatch} result, or {@link #NO_ROW} for -1 */
    public static int matchRow(long match) {
        return match < 0 ? NO_ROW : (int) (match >>> 32);
    }

    /** @return the matched prefix length of a {@link #findMatch} result, or -1 for -1 */
    public static int matchLength(long match) {
        return match < 0 ? -1 : (int) match;
    }

    /**
     * Like {@link #findRow} but returns the length of the matched prefix, allocation-free.
     *
     * @param digits the number's digits, no {@code +}
     * @param epochSecond the decision instant, epoch seconds
     * @return the length of the prefix whose row applies (closed or not), or -1 if none
     */
    public int longestMatchLength(CharSequence digits, long epochSecond) {
        long w = walk(digits, epochSecond);
        return w < 0 ? -1 : (int) w;
    }

    /**
     * Whether the carrier routes the number at {@code epochSecond}: a row applies and it is not
     * closed. Allocation-free.
     *
     * @param digits the number's digits, no {@code +}
     * @param epochSecond the decision instant, epoch seconds
     * @return true if covered by an open (not closed) row
     */
    public boolean covers(CharSequence digits, long epochSecond) {
        int r = findRow(digits, epochSecond);
        return r >= 0 && (meta[r] & CLOSED) == 0;
    }

    /**
     * Longest-prefix match at an instant, as a record (allocates the record and the prefix).
     *
     * @param digits the number's digits, no {@code +}
     * @param epochSecond the decision instant, epoch seconds
     * @return {@code null} if no row covers the number; otherwise the applicable row, which is
     *     a <em>closed</em> one ({@link RateMatch#closed()}) if the carrier withdrew the code
     */
    public RateMatch lookup(CharSequence digits, long epochSecond) {
        long w = walk(digits, epochSecond);
        if (w < 0) {
            return null;
        }
        int row = (int) (w >>> 32);
        int len = (int) w;
        return match(row, digits.subSequence(0, len).toString());
    }

    /**
     * @param digits the number's digits, no {@code +}
     * @param at the decision instant
     * @return as {@link #lookup(CharSequence, long)}, at {@code at} truncated to the second
     */
    public RateMatch lookup(CharSequence digits, Instant at) {
        return lookup(digits, at.getEpochSecond());
    }

    /**
     * @param row a row index
     * @param matchedPrefix the prefix to report
     * @return the row as a match record
     */
    private RateMatch match(int row, String matchedPrefix) {
        return new RateMatch(carrierId, service, deckVersion, matchedPrefix,
                destinations[destination[row]], rateMicros[row], connectFeeMicros[row],
                initialIncrement[row], nextIncrement[row], effectiveFromInstant(row),
                effectiveUntilInstant(row), currency, isClosed(row));
    }

    // ------------------------------------------------------------------ metadata

    /** @return the carrier id */
    public String carrierId() {
        return carrierId;
    }

    /** @return the service */
    public Service service() {
        return service;
    }

    /** @return the deck version */
    public long deckVersion() {
        return deckVersion;
    }

    /** @return the deck currency */
    public Currency currency() {
        return currency;
    }

    /** @return the number of rows */
    public int size() {
        return rateMicros.length;
    }

    /** @return the number of distinct prefixes */
    public int prefixCount() {
        return trie.valueCount();
    }

    /** @return the number of distinct effective periods (from, until) of the rows */
    public int periodCount() {
        return periods.length / 2;
    }

    /** @return the number of distinct destination names */
    public int destinationCount() {
        return destinations.length;
    }

    /** @return the underlying trie (value id = prefix group) */
    public PrefixTrie trie() {
        return trie;
    }

    /**
     * Estimated retained heap in bytes, computed from the array lengths (compressed oops, 16-byte
     * array headers) plus the destination names (Latin-1 strings assumed).
     *
     * @return the estimate
     */
    public long estimatedBytes() {
        long bytes = 64 + trie.estimatedBytes() + PrefixTrie.intArrayBytes(groupStart);
        int n = size();
        bytes += 2 * PrefixTrie.align(16L + 8L * n); // rate, fee
        bytes += 5 * PrefixTrie.align(16L + 4L * n); // meta, initial, next, destination, rowNo
        bytes += PrefixTrie.align(16L + 8L * periods.length);
        bytes += PrefixTrie.align(16L + 4L * destinations.length);
        for (String s : destinations) {
            bytes += 24 + PrefixTrie.align(16L + s.length());
        }
        return bytes;
    }

    // ------------------------------------------------------------------ rows (for diffing)

    /**
     * Visits every row, grouped by prefix (prefixes in trie insertion order, rows of a prefix by
     * {@code effectiveFrom}).
     *
     * @param action receives the row's prefix and the row index
     */
    public void forEachRow(ObjIntConsumer<String> action) {
        for (int g = 0, groups = trie.valueCount(); g < groups; g++) {
            String prefix = trie.prefixOf(g);
            for (int r = groupStart[g]; r < groupStart[g + 1]; r++) {
                action.accept(prefix, r);
            }
        }
    }

    /**
     * @param row a row index, {@code 0 <= row < size()}
     * @return the row's prefix (rebuilt from the trie; not for the hot path)
     */
    public String prefix(int row) {
        Objects.checkIndex(row, size());
        int g = Arrays.binarySearch(groupStart, row);
        if (g < 0) { // groups are non-empty, so groupStart is strictly increasing
            g = -g - 2;
        }
        return trie.prefixOf(g);
    }

    /** @param row a row index @return its rate per minute (or message), micro-units */
    public long rateMicros(int row) {
        return rateMicros[row];
    }

    /** @param row a row index @return its connect fee, micro-units */
    public long connectFeeMicros(int row) {
        return connectFeeMicros[row];
    }

    /** @param row a row index @return its initial increment, seconds */
    public int initialIncrement(int row) {
        return initialIncrement[row];
    }

    /** @param row a row index @return its next increment, seconds */
    public int nextIncrement(int row) {
        return nextIncrement[row];
    }

    /** @param row a row index @return effective-from epoch second, {@link #OPEN_FROM} if open */
    public long effectiveFromEpochSecond(int row) {
        return periods[(meta[row] >>> PERIOD_SHIFT) << 1];
    }

    /** @param row a row index @return effective-until epoch second, {@link #OPEN_UNTIL} if open */
    public long effectiveUntilEpochSecond(int row) {
        return periods[((meta[row] >>> PERIOD_SHIFT) << 1) + 1];
    }

    /** @param row a row index @return effective-from instant, null if open */
    public Instant effectiveFromInstant(int row) {
        long s = effectiveFromEpochSecond(row);
        return s == OPEN_FROM ? null : Instant.ofEpochSecond(s);
    }

    /** @param row a row index @return effective-until instant, null if open */
    public Instant effectiveUntilInstant(int row) {
        long s = effectiveUntilEpochSecond(row);
        return s == OPEN_UNTIL ? null : Instant.ofEpochSecond(s);
    }

    /** @param row a row index @return whether it is a closed (withdrawn code) row */
    public boolean isClosed(int row) {
        return (meta[row] & CLOSED) != 0;
    }

    /** @param row a row index @return its destination name */
    public String destination(int row) {
        return destinations[destination[row]];
    }

    /** @param row a row index @return its line number in the source file */
    public long rowNumber(int row) {
        return rowNumber[row];
    }

    /**
     * @param row a row index
     * @return the row as a {@link DeckRow} again (effective bounds at whole seconds)
     */
    public DeckRow row(int row) {
        return new DeckRow(rowNumber[row], prefix(row), destination(row),
                Micros.toDecimal(rateMicros[row]), Micros.toDecimal(connectFeeMicros[row]),
                initialIncrement[row], nextIncrement[row], effectiveFromInstant(row),
                effectiveUntilInstant(row), currency.getCurrencyCode(), isClosed(row));
    }

    /**
     * @param row a row index
     * @return the row as a match record, with its own prefix as the matched prefix
     */
    public RateMatch match(int row) {
        return match(row, prefix(row));
    }

    @Override
    public String toString() {
        return "RateTable[" + carrierId + " " + service + " v" + deckVersion + ", " + size()
                + " rows, " + prefixCount() + " prefixes]";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Streams rows into primitive arrays (no row objects are kept); not thread-safe. Use once.
     */
    public static final class Builder {

        private final String carrierId;
        private final Service service;
        private final long deckVersion;
        private final Currency currency;

        private final PrefixTrie.Builder trie = PrefixTrie.builder();
        private final Map<String, Integer> destIndex = new HashMap<>();
        private String[] destTable = new String[256];

        private int n;
        private int[] group = new int[1024];
        private long[] rate = new long[1024];
        private long[] fee = new long[1024];
        private int[] initial = new int[1024];
        private int[] next = new int[1024];
        private long[] from = new long[1024];
        private long[] until = new long[1024];
        private boolean[] closed = new boolean[1024];
        private int[] dest = new int[1024];
        private int[] rowNo = new int[1024];
        private boolean built;

        private Builder(String carrierId, Service service, long deckVersion, Currency currency) {
            this.carrierId = Objects.requireNonNull(carrierId, "carrierId");
            this.service = Objects.requireNonNull(service, "service");
            this.deckVersion = deckVersion;
            this.currency = Objects.requireNonNull(currency, "currency");
        }

        /**
         * Adds a row.
         *
         * @param row a validated deck row
         * @return this builder
         * @throws IllegalArgumentException if the row's currency is not the deck's, a price has
         *     more than 6 decimal places, or its row number exceeds {@code Integer.MAX_VALUE}
         * @throws IllegalStateException after {@link #build()}
         */
        public Builder add(DeckRow row) {
            if (built) {
                throw new IllegalStateException("already built");
            }
            if (!currency.getCurrencyCode().equals(row.currency())) {
                throw new IllegalArgumentException("row " + row.rowNumber() + ": currency "
                        + row.currency() + " is not the deck currency "
                        + currency.getCurrencyCode());
            }
            long rateMicros;
            long feeMicros;
            try {
                rateMicros = Micros.of(row.rate());
                feeMicros = Micros.of(row.connectFee());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + row.rowNumber() + ": " + e.getMessage(),
                        e);
            }
            return add(row.prefix(), row.destination(), rateMicros, feeMicros, row.initialIncrement(),
                    row.nextIncrement(), row.effectiveFrom() == null ? OPEN_FROM : ceilSecond(row.effectiveFrom()),
                    row.effectiveUntil() == null ? OPEN_UNTIL : ceilSecond(row.effectiveUntil()), row.closed(),
                    row.rowNumber());
        }

        /**
         * Adds a row given in the table's own units, without a {@link DeckRow} (for rows read back
         * from the store, which were validated when imported).
         *
         * @param prefix 1–16 digits
         * @param destination destination name
         * @param rateMicros rate in micro-units of the deck currency, ≥ 0
         * @param feeMicros connect fee in micro-units, ≥ 0
         * @param initialIncrement first billing increment, seconds, &gt; 0
         * @param nextIncrement following increments, seconds, &gt; 0
         * @param fromEpochSecond effective from (inclusive), epoch seconds, or {@link #OPEN_FROM}
         * @param untilEpochSecond effective until (exclusive), epoch seconds, or {@link #OPEN_UNTIL}
         * @param isClosed whether it is a closed (withdrawn code) row
         * @param rowNumber line number in the source file, 0..{@code Integer.MAX_VALUE}
         * @return this builder
         * @throws IllegalArgumentException if the row number, a price or an increment is out of
         *     range, or {@code prefix} is not digits
         * @throws IllegalStateException after {@link #build()}
         */
        public Builder add(String prefix, String destination, long rateMicros, long feeMicros, int initialIncrement,
                           int nextIncrement, long fromEpochSecond, long untilEpochSecond, boolean isClosed,
                           long rowNumber) {
            if (built) {
                throw new IllegalStateException("already built");
            }
            if (rowNumber < 0 || rowNumber > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("row number out of range: " + rowNumber);
            }
            if (rateMicros < 0 || feeMicros < 0 || initialIncrement <= 0 || nextIncrement <= 0) {
                throw new IllegalArgumentException("row " + rowNumber + ": negative price or increment not positive");
            }
            if (n == rate.length) {
                grow();
            }
            group[n] = trie.add(prefix);
            rate[n] = rateMicros;
            fee[n] = feeMicros;
            initial[n] = initialIncrement;
            next[n] = nextIncrement;
            from[n] = fromEpochSecond;
            until[n] = untilEpochSecond;
            closed[n] = isClosed;
            dest[n] = destinationIndex(destination);
            rowNo[n] = (int) rowNumber;
            n++;
            return this;
        }

        /**
         * @param rows rows to add
         * @return this builder
         */
        public Builder addAll(Iterable<DeckRow> rows) {
            for (DeckRow row : rows) {
                add(row);
            }
            return this;
        }

        /** @return the number of rows added so far */
        public int size() {
            return n;
        }

        /**
         * Sorts rows by prefix and effective-from and freezes the table.
         *
         * @return the immutable table
         * @throws IllegalArgumentException if two rows have the same prefix and the same
         *     {@code effectiveFrom} (ambiguous: which applies?)
         * @throws IllegalStateException if called twice
         */
        public RateTable build() {
            if (built) {
                throw new IllegalStateException("already built");
            }
            built = true;
            int groups = trie.valueCount();
            int[] groupStart = new int[groups + 1];
            for (int i = 0; i < n; i++) {
                groupStart[group[i] + 1]++;
            }
            for (int g = 0; g < groups; g++) {
                groupStart[g + 1] += groupStart[g];
            }
            // counting sort by group (stable), then insertion sort each group by effectiveFrom
            int[] fill = Arrays.copyOf(groupStart, groups);
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[fill[group[i]]++] = i;
            }
            for (int g = 0; g < groups; g++) {
                int lo = groupStart[g];
                int hi = groupStart[g + 1];
                for (int i = lo + 1; i < hi; i++) {
                    int x = perm[i];
                    int j = i - 1;
                    while (j >= lo && from[perm[j]] > from[x]) {
                        perm[j + 1] = perm[j];
                        j--;
                    }
                    perm[j + 1] = x;
                }
                for (int i = lo + 1; i < hi; i++) {
                    if (from[perm[i]] == from[perm[i - 1]]) {
                        throw new IllegalArgumentException("rows " + rowNo[perm[i - 1]] + " and "
                                + rowNo[perm[i]] + ": prefix " + trie.build().prefixOf(g)
                                + " twice with the same effective_from");
                    }
                }
            }
            int[] lastRow = new int[groups];
            for (int g = 0; g < groups; g++) {
                lastRow[g] = groupStart[g + 1] - 1;
            }
            PrefixTrie frozen = trie.build(lastRow);
            String[] destinations = Arrays.copyOf(destTable, destIndex.size());
            return new RateTable(this, frozen, groupStart, perm, destinations);
        }

        private int destinationIndex(String name) {
            Integer idx = destIndex.get(name);
            if (idx == null) {
                idx = destIndex.size();
                if (idx == destTable.length) {
                    destTable = Arrays.copyOf(destTable, idx * 2);
                }
                destTable[idx] = name;
                destIndex.put(name, idx);
            }
            return idx;
        }

        private void grow() {
            int cap = rate.length * 2;
            group = Arrays.copyOf(group, cap);
            rate = Arrays.copyOf(rate, cap);
            fee = Arrays.copyOf(fee, cap);
            initial = Arrays.copyOf(initial, cap);
            next = Arrays.copyOf(next, cap);
            from = Arrays.copyOf(from, cap);
            until = Arrays.copyOf(until, cap);
            closed = Arrays.copyOf(closed, cap);
            dest = Arrays.copyOf(dest, cap);
            rowNo = Arrays.copyOf(rowNo, cap);
        }

        private static long ceilSecond(Instant i) {
            return i.getNano() == 0 ? i.getEpochSecond() : i.getEpochSecond() + 1;
        }
    }
}
