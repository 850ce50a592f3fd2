package io.switchboard.router.deck;

import static io.switchboard.router.deck.DeckFixtures.AZ_HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeckReaderTest {

    /**
     * Produces an A–Z deck of {@code lines} data rows on the fly, one line at a time: the text
     * never exists as a whole. Prefixes are unique ({@code 1000000 + i}).
     */
    private static final class GeneratedAzReader extends Reader {
        private final int lines;
        private int produced = -1; // -1: header not yet produced
        private String current = "";
        private int pos;

        GeneratedAzReader(int lines) {
            this.lines = lines;
        }

        int linesProduced() {
            return Math.max(produced, 0);
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == current.length()) {
                if (produced >= lines) {
                    return -1;
                }
                current = produced < 0 ? AZ_HEADER + "\n"
                        : (1_000_000 + produced) + ",Generated " + produced + ",0.0" + (produced % 90 + 10)
                                + ",0,60,1,2026-01-01,,USD\n";
                produced++;
                pos = 0;
            }
            int n = Math.min(len, current.length() - pos);
            current.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void streamsThreeHundredThousandLinesWithoutHoldingTheFile() throws IOException {
        int n = 300_000;
        GeneratedAzReader in = new GeneratedAzReader(n);
        AtomicLong count = new AtomicLong();
        AtomicLong producedAtFirstRow = new AtomicLong(-1);
        ReadSummary s = new DeckReader().read(in, new AzLayout(), row -> {
            if (count.getAndIncrement() == 0) {
                producedAtFirstRow.set(in.linesProduced());
            }
            if (row.rowNumber() == 150_002) { // data row i is on line i + 2
                assertEquals("1150000", row.prefix());
            }
        }, rejection -> {
            throw new AssertionError(rejection.message());
        });
        assertEquals(new ReadSummary(n, 0, 1, n + 1, "USD"), s);
        assertEquals(n, count.get());
        assertTrue(producedAtFirstRow.get() < 10_000,
                "the first row reached the consumer after only " + producedAtFirstRow.get() + " of " + n + " lines were produced");
    }

    @Test
    void rowNumbersAreLineNumbersAcrossBlankLinesCrlfAndMultiLineCells() {
        String text = AZ_HEADER + "\r\n\r\n"
                + "1,\"United\nStates\",0.1,0,6,6,2026-01-01,,USD\r\n"
                + "20,Egypt,x,0,1,1,2026-01-01,,USD\r\n"
                + "211,South Sudan,0.2,0,1,1,2026-01-01,,USD";
        DeckFixtures.Result r = DeckFixtures.readText(text, new AzLayout());
        assertEquals(3, r.row("1").rowNumber());
        assertEquals("United\nStates", r.row("1").destination());
        assertEquals(List.of("row 5: rate_per_min: 'x' is not a number"), r.messages());
        assertEquals(6, r.row("211").rowNumber());
        assertEquals(new ReadSummary(2, 1, 2, 6, "USD"), r.summary());
    }

    @Test
    void brokenQuotingIsAFormatErrorWithItsLine() {
        String text = AZ_HEADER + "\n1,US,0.1,0,6,6,2026-01-01,,USD\n20,\"Egypt,0.1,0,1,1,2026-01-01,,USD\n";
        DeckFormatException e = assertThrows(DeckFormatException.class, () -> DeckFixtures.readText(text, new AzLayout()));
        assertTrue(e.getMessage().startsWith("line 3: malformed CSV: "), e.getMessage());
    }

    @Test
    void duplicatesAreKeyedByPrefixAndEffectiveFrom() {
        String text = AZ_HEADER + "\n"
                + "44,UK,0.1,0,1,1,2026-01-01,2026-07-01,USD\n"
                + "44,UK,0.2,0,1,1,2026-07-01,,USD\n"
                + "44,UK,0.3,0,1,1,2026-07-01,,USD\n"
                + "44,UK,0.3,0,1,1,,,USD\n"
                + "44,UK,0.3,0,1,1,,,USD\n";
        DeckFixtures.Result r = DeckFixtures.readText(text, new AzLayout());
        assertEquals(List.of("row 4: prefix 44 with effective_from 2026-07-01 duplicates row 3",
                "row 6: prefix 44 with effective_from none duplicates row 5"), r.messages());
        assertEquals(3, r.rows().size());
    }

    @Test
    void deckCurrencyIsTheFirstAcceptedRows() {
        String text = AZ_HEADER + "\n"
                + "44,UK,0.1,0,1,1,,,XYZ\n"
                + "44,UK,0.1,0,1,1,,,GBP\n"
                + "33,FR,0.1,0,1,1,,,EUR\n"
                + "34,ES,0.1,0,1,1,,,gbp\n";
        DeckFixtures.Result r = DeckFixtures.readText(text, new AzLayout());
        assertEquals(List.of("row 2: currency: 'XYZ' is not an ISO 4217 code",
                "row 4: currency: 'EUR' differs from the deck's currency 'GBP' (set by row 3)"), r.messages());
        assertEquals("GBP", r.summary().currency());
        assertEquals(List.of("44", "34"), r.prefixes());
    }

    @Test
    void readerIsLeftOpenForTheCaller() throws IOException {
        boolean[] closed = {false};
        Reader in = new StringReader(AZ_HEADER + "\n1,US,0.1,0,6,6,,,USD\n") {
            @Override
            public void close() {
                closed[0] = true;
                super.close();
            }
        };
        new DeckReader().read(in, new AzLayout(), row -> { }, rej -> { });
        assertTrue(!closed[0]);
    }
}
