package io.switchboard.router.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PrefixTrieTest {

    private static PrefixTrie trie(String... prefixes) {
        PrefixTrie.Builder b = PrefixTrie.builder();
        for (String p : prefixes) {
            b.add(p);
        }
        return b.build();
    }

    @Test
    void emptyTrieMatchesNothing() {
        PrefixTrie t = trie();
        assertEquals(PrefixTrie.NONE, t.longestMatch("4420"));
        assertEquals(PrefixTrie.NONE, t.longestMatch(""));
        assertEquals(-1, t.longestMatchLength("4420"));
        assertEquals(1, t.nodeCount());
        assertEquals(0, t.valueCount());
        assertEquals(0, t.internalNodeCount());
    }

    @Test
    void valueIdsAreDenseAndIdempotent() {
        PrefixTrie.Builder b = PrefixTrie.builder();
        assertEquals(0, b.add("44"));
        assertEquals(1, b.add("1"));
        assertEquals(0, b.add("44"));
        assertEquals(2, b.add("4420"));
        assertEquals(3, b.valueCount());
        PrefixTrie t = b.build();
        assertEquals(0, t.get("44"));
        assertEquals(1, t.get("1"));
        assertEquals(2, t.get("4420"));
        assertEquals(PrefixTrie.NONE, t.get("442"));
        assertEquals(PrefixTrie.NONE, t.get("44201"));
    }

    @Test
    void longestPrefixWins() {
        PrefixTrie t = trie("1", "12", "1234");
        assertEquals(t.get("1234"), t.longestMatch("12345678"));
        assertEquals(t.get("1234"), t.longestMatch("1234"));
        assertEquals(t.get("12"), t.longestMatch("123"));
        assertEquals(t.get("12"), t.longestMatch("1299"));
        assertEquals(t.get("1"), t.longestMatch("19"));
        assertEquals(PrefixTrie.NONE, t.longestMatch("2"));
        assertEquals(PrefixTrie.NONE, t.longestMatch(""));
        assertEquals(4, t.longestMatchLength("12345678"));
        assertEquals(2, t.longestMatchLength("123"));
        assertEquals(-1, t.longestMatchLength("9"));
    }

    @Test
    void nonDigitStopsTheWalk() {
        PrefixTrie t = trie("1", "12", "1234");
        assertEquals(t.get("12"), t.longestMatch("12a34"));
        assertEquals(t.get("12"), t.longestMatch("12 34"));
        assertEquals(PrefixTrie.NONE, t.longestMatch("+1234"));
        assertEquals(t.get("1"), t.longestMatch("1/234"));
        assertEquals(t.get("1"), t.longestMatch("1:234")); // ':' is '9' + 1
        assertEquals(PrefixTrie.NONE, t.get("1a"));
        assertEquals(PrefixTrie.NONE, t.step(t.root(), '/'));
    }

    @Test
    void emptyPrefixIsTheRoot() {
        PrefixTrie t = trie("", "44");
        assertEquals(t.get(""), t.longestMatch("99"));
        assertEquals(0, t.longestMatchLength("99"));
        assertEquals(t.get("44"), t.longestMatch("447"));
    }

    @Test
    void onlyInternalNodesHaveChildRows() {
        PrefixTrie t = trie("1", "12", "1234", "44", "45");
        // root, 1, 12, 123, 1234, 4, 44, 45 = 8 nodes; internal: root, 1, 12, 123, 4
        assertEquals(8, t.nodeCount());
        assertEquals(5, t.internalNodeCount());
        // object 24 + node table 5 x 11 ints (16 + 220 -> 240) + leaf values 3 (16 + 12 -> 32)
        // + parents 8 (48) + node per id 5 (16 + 20 -> 40)
        assertEquals(24 + 240 + 32 + 48 + 40, t.estimatedBytes());
    }

    @Test
    void prefixOfRebuildsEveryPrefix() {
        List<String> prefixes = List.of("0", "00", "09", "1", "1999", "447400", "9", "99999999999");
        PrefixTrie t = trie(prefixes.toArray(String[]::new));
        for (String p : prefixes) {
            assertEquals(p, t.prefixOf(t.get(p)));
        }
    }

    @Test
    void valuesCanBeMappedFromIds() {
        PrefixTrie.Builder b = PrefixTrie.builder();
        int a = b.add("44");
        int c = b.add("4420");
        int[] valueOf = new int[2];
        valueOf[a] = 1000;
        valueOf[c] = 7;
        PrefixTrie t = b.build(valueOf);
        assertEquals(1000, t.longestMatch("4479"));
        assertEquals(7, t.longestMatch("44207"));
        assertEquals(7, t.get("4420"));
        assertEquals("4420", t.prefixOf(c)); // prefixOf takes the id
        assertThrows(IllegalArgumentException.class, () -> b.build(new int[1]));
        assertThrows(IllegalArgumentException.class, () -> b.build(new int[] {0, -5}));
    }

    @Test
    void builderRejectsNonDigits() {
        PrefixTrie.Builder b = PrefixTrie.builder();
        assertThrows(IllegalArgumentException.class, () -> b.add("44a"));
        assertThrows(IllegalArgumentException.class, () -> b.add("+44"));
    }

    @Test
    void randomPrefixesAgreeWithAMapScan() {
        Random rnd = new Random(7);
        PrefixTrie.Builder b = PrefixTrie.builder();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            String p = digits(rnd, 1 + rnd.nextInt(6));
            ids.put(p, b.add(p));
        }
        PrefixTrie t = b.build();
        assertEquals(ids.size(), t.valueCount());
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            String n = digits(rnd, 1 + rnd.nextInt(12));
            int expected = PrefixTrie.NONE;
            for (int len = n.length(); len >= 1; len--) {
                Integer id = ids.get(n.substring(0, len));
                if (id != null) {
                    expected = id;
                    break;
                }
            }
            assertEquals(expected, t.longestMatch(n), n);
            if (expected >= 0) {
                hits++;
                assertEquals(t.prefixOf(expected).length(), t.longestMatchLength(n), n);
            }
        }
        assertTrue(hits > 10_000, "too few hits to mean anything: " + hits);
    }

    @Test
    void concurrentReadersSeeTheSameAnswers() throws Exception {
        Random rnd = new Random(11);
        PrefixTrie.Builder b = PrefixTrie.builder();
        for (int i = 0; i < 5000; i++) {
            b.add(digits(rnd, 1 + rnd.nextInt(7)));
        }
        PrefixTrie t = b.build();
        String[] numbers = new String[5000];
        int[] expected = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = digits(rnd, 10);
            expected[i] = t.longestMatch(numbers[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int rep = 0; rep < 20; rep++) {
                        for (int i = 0; i < numbers.length; i++) {
                            if (t.longestMatch(numbers[i]) != expected[i]) {
                                wrong++;
                            }
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(0, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String digits(Random rnd, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) ('0' + rnd.nextInt(10));
        }
        return new String(c);
    }
}
