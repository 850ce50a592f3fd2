package io.switchboard.cdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable journal: FIFO across a reopen, one file per holder, and its bound. */
class CdrJournalTest {

    @TempDir
    Path dir;

    @Test
    void batchesSurviveAReopenInOrderAndRemovedOnesStayRemoved() throws Exception {
        try (CdrJournal journal = CdrJournal.open(dir, 1 << 20)) {
            for (int i = 1; i <= 3; i++) {
                journal.append(("batch " + i).getBytes(StandardCharsets.UTF_8));
            }
            journal.remove(1);
        }
        try (CdrJournal journal = CdrJournal.open(dir, 1 << 20)) {
            assertEquals(2, journal.batches());
            List<byte[]> batches = journal.peek(10);
            assertArrayEquals("batch 2".getBytes(StandardCharsets.UTF_8), batches.get(0));
            assertArrayEquals("batch 3".getBytes(StandardCharsets.UTF_8), batches.get(1));
        }
    }

    @Test
    void aSecondHolderGetsItsOwnFileAndAFullJournalRefuses() throws Exception {
        try (CdrJournal first = CdrJournal.open(dir, 8192); CdrJournal second = CdrJournal.open(dir, 8192)) {
            assertNotEquals(first.file(), second.file());
            assertThrows(CdrJournal.JournalFullException.class, () -> first.append(new byte[10_000]));
        }
    }
}
