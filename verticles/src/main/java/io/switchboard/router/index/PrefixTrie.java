package io.switchboard.router.index;

import java.util.Arrays;

/**
 * An immutable decimal-digit trie (fan-out 10) mapping digit prefixes to int values, for
 * longest-prefix match on E.164 digits.
 *
 * <p>Layout: nodes live in primitive arrays, not objects. Nodes are numbered breadth-first with
 * every <em>internal</em> node (one that has children) before every leaf, so only internal nodes
 * need a row in the node table: 11 ints, the node's value then its 10 children
 * ({@code table[node * 11]} is the value, {@code table[node * 11 + 1 + digit]} the child, either
 * {@link #NONE} if absent), so a step reads the value and the next child from the same cache
 * line or two. A node {@code >= internalCount} is a leaf whose value is
 * {@code leafValues[node - internalCount]}. In real rate decks about five nodes in six are leaves,
 * so this keeps the table small (a 300k-prefix deck: 58k rows, 2.5 MB, plus 1.2 MB of leaf
 * values).
 *
 * <p>Ids and values: {@link Builder#add} hands out dense <em>ids</em> {@code 0, 1, 2, ...} in order
 * of first insertion of each distinct prefix, so callers can index their own parallel arrays with
 * them. The <em>value</em> a lookup returns is the id itself ({@link Builder#build()}), or any
 * non-negative int the caller maps each id to ({@link Builder#build(int[])}), e.g. a row index,
 * which saves the caller one indirection on the hot path. {@link #prefixOf(int)} takes an id.
 *
 * <p>Thread safety: built once by a {@link Builder}; every field is final and no array is written
 * after construction, so any number of threads may read one instance without locks.
 */
public final class PrefixTrie {

    /** "No node" / "no value". */
    public static final int NONE = -1;

    private static final int FANOUT = 10;
    private static final int STRIDE = FANOUT + 1;

    /** {@code internalCount} rows of {@code [value, child 0, ..., child 9]}. */
    private final int[] table;
    /** Value per leaf node ({@code node - internalCount}), or {@link #NONE}. */
    private final int[] leafValues;
    /** Parent per node ({@link #NONE} for the root); used only to rebuild prefixes. */
    private final int[] parents;
    /** Node per id. */
    private final int[] valueNodes;
    private final int internalCount;

    private PrefixTrie(int[] table, int[] leafValues, int[] parents, int[] valueNodes,
            int internalCount) {
        this.table = table;
        this.leafValues = leafValues;
        this.parents = parents;
        this.valueNodes = valueNodes;
        this.internalCount = internalCount;
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the root node (the empty prefix), always 0 */
    public int root() {
        return 0;
    }

    /**
     * One step down the trie.
     *
     * @param node a node of this trie
     * @param c the next character of the number
     * @return the child of {@code node} for digit {@code c}, or {@link #NONE} if there is none or
     *     {@code c} is not {@code '0'..'9'}
     */
    public int step(int node, char c) {
        int d = c - '0';
        if (d < 0 || d > 9 || node >= internalCount) {
            return NONE;
        }
        return table[node * STRIDE + 1 + d];
    }

    /**
     * @param node a node of this trie
     * @return the value stored at {@code node}, or {@link #NONE}
     */
    public int value(int node) {
        return node < internalCount ? table[node * STRIDE] : leafValues[node - internalCount];
    }

    /**
     * Longest-prefix match: the value of the deepest node with a value on the path of
     * {@code digits}. The walk stops at the first character that is not {@code '0'..'9'}, so only
     * the digits before it count. Allocates nothing.
     *
     * @param digits the number, digits only (no {@code +})
     * @return the value of the longest stored prefix of {@code digits}, or {@link #NONE}
     */
    public int longestMatch(CharSequence digits) {
        int node = 0;
        int best = value(0);
        for (int i = 0, n = digits.length(); i < n; i++) {
            node = step(node, digits.charAt(i));
            if (node < 0) {
                break;
            }
            int v = value(node);
            if (v >= 0) {
                best = v;
            }
        }
        return best;
    }

    /**
     * @param digits the number, digits only
     * @return the length of the longest stored prefix of {@code digits}, or {@code -1} if none
     *     (0 only if the empty prefix was stored). Allocates nothing.
     */
    public int longestMatchLength(CharSequence digits) {
        int node = 0;
        int best = value(0) >= 0 ? 0 : -1;
        for (int i = 0, n = digits.length(); i < n; i++) {
            node = step(node, digits.charAt(i));
            if (node < 0) {
                break;
            }
            if (value(node) >= 0) {
                best = i + 1;
            }
        }
        return best;
    }

    /**
     * Exact match.
     *
     * @param prefix a prefix
     * @return its value, or {@link #NONE} if it was not stored
     */
    public int get(CharSequence prefix) {
        int node = 0;
        for (int i = 0, n = prefix.length(); i < n; i++) {
            node = step(node, prefix.charAt(i));
            if (node < 0) {
                return NONE;
            }
        }
        return value(node);
    }

    /**
     * Rebuilds the prefix of an id (walks up the parent links; not for the hot path).
     *
     * @param valueId an id from {@link Builder#add}, {@code 0 <= valueId < valueCount()}
     * @return the digits of the prefix stored under it
     * @throws IndexOutOfBoundsException for an unknown id
     */
    public String prefixOf(int valueId) {
        int node = valueNodes[valueId];
        StringBuilder sb = new StringBuilder(16);
        while (node != 0) {
            int parent = parents[node];
            int base = parent * STRIDE + 1;
            int digit = 0;
            while (table[base + digit] != node) {
                digit++;
            }
            sb.append((char) ('0' + digit));
            node = parent;
        }
        return sb.reverse().toString();
    }

    /** @return the number of distinct prefixes stored (ids are {@code 0..valueCount()-1}) */
    public int valueCount() {
        return valueNodes.length;
    }

    /** @return the number of nodes, the root included */
    public int nodeCount() {
        return internalCount + leafValues.length;
    }

    /** @return the number of nodes that have at least one child (and so a child row) */
    public int internalNodeCount() {
        return internalCount;
    }

    /** @return estimated retained heap of this trie in bytes, from its array lengths */
    public long estimatedBytes() {
        return 24 + intArrayBytes(table) + intArrayBytes(leafValues) + intArrayBytes(parents)
                + intArrayBytes(valueNodes);
    }

    static long intArrayBytes(int[] a) {
        return align(16L + 4L * a.length);
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /**
     * Mutable builder; not thread-safe. Add prefixes in any order, then {@link #build()} once
     * (the builder may be discarded afterwards; building copies everything).
     */
    public static final class Builder {

        private int[] kids = newFilled(FANOUT * 64);
        private int[] vals = newFilled(64);
        private int nodes = 1;
        private int valueCount;

        private Builder() {
        }

        /**
         * Stores a prefix (idempotent).
         *
         * @param prefix digits {@code '0'..'9'}; may be empty (the root)
         * @return the id of the prefix: a new id ({@code = previous valueCount()}) the first
         *     time, the same id again for a prefix already added
         * @throws IllegalArgumentException if {@code prefix} contains a non-digit
         */
        public int add(CharSequence prefix) {
            int node = 0;
            for (int i = 0, n = prefix.length(); i < n; i++) {
                int d = prefix.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    throw new IllegalArgumentException("prefix must be digits only: " + prefix);
                }
                int slot = node * FANOUT + d;
                int next = kids[slot];
                if (next < 0) {
                    next = newNode();
                    kids[slot] = next;
                }
                node = next;
            }
            if (vals[node] < 0) {
                vals[node] = valueCount++;
            }
            return vals[node];
        }

        /** @return the number of distinct prefixes added so far */
        public int valueCount() {
            return valueCount;
        }

        private int newNode() {
            if (nodes == vals.length) {
                int cap = vals.length * 2;
                int[] v = newFilled(cap);
                System.arraycopy(vals, 0, v, 0, nodes);
                vals = v;
                int[] k = newFilled(cap * FANOUT);
                System.arraycopy(kids, 0, k, 0, nodes * FANOUT);
                kids = k;
            }
            return nodes++;
        }

        /** @return the immutable, compact trie of everything added so far; values are the ids */
        public PrefixTrie build() {
            return build(null);
        }

        /**
         * @param valueOfId the value to store for each id ({@code valueOfId[id]}, at least 0), or
         *     null to store the ids themselves
         * @return the immutable, compact trie of everything added so far
         * @throws IllegalArgumentException if {@code valueOfId} is shorter than
         *     {@link #valueCount()} or holds a negative value
         */
        public PrefixTrie build(int[] valueOfId) {
            if (valueOfId != null && valueOfId.length < valueCount) {
                throw new IllegalArgumentException("need a value for each of " + valueCount + " ids");
            }
            // Breadth-first order of the builder's nodes.
            int[] order = new int[nodes];
            int head = 0;
            int tail = 0;
            order[tail++] = 0;
            int internal = 0;
            while (head < tail) {
                int node = order[head++];
                boolean hasChild = false;
                for (int d = 0; d < FANOUT; d++) {
                    int c = kids[node * FANOUT + d];
                    if (c >= 0) {
                        order[tail++] = c;
                        hasChild = true;
                    }
                }
                if (hasChild) {
                    internal++;
                }
            }
            // New ids: internal nodes first, then leaves, each group breadth-first.
            int[] newId = new int[nodes];
            int nextInternal = 0;
            int nextLeaf = internal;
            for (int i = 0; i < nodes; i++) {
                int node = order[i];
                newId[node] = hasChild(node) ? nextInternal++ : nextLeaf++;
            }
            int[] table = newFilled(internal * STRIDE);
            int[] leafValues = newFilled(nodes - internal);
            int[] parents = newFilled(nodes);
            int[] valueNodes = new int[valueCount];
            for (int node = 0; node < nodes; node++) {
                int id = newId[node];
                int valueId = vals[node];
                if (valueId >= 0) {
                    valueNodes[valueId] = id;
                    int value = valueOfId == null ? valueId : valueOfId[valueId];
                    if (value < 0) {
                        throw new IllegalArgumentException("negative value for id " + valueId);
                    }
                    if (id < internal) {
                        table[id * STRIDE] = value;
                    } else {
                        leafValues[id - internal] = value;
                    }
                }
                for (int d = 0; d < FANOUT; d++) {
                    int c = kids[node * FANOUT + d];
                    if (c >= 0) {
                        table[id * STRIDE + 1 + d] = newId[c];
                        parents[newId[c]] = id;
                    }
                }
            }
            return new PrefixTrie(table, leafValues, parents, valueNodes, internal);
        }

        private boolean hasChild(int node) {
            for (int d = 0; d < FANOUT; d++) {
                if (kids[node * FANOUT + d] >= 0) {
                    return true;
                }
            }
            return false;
        }

        private static int[] newFilled(int length) {
            int[] a = new int[length];
            Arrays.fill(a, NONE);
            return a;
        }
    }
}
