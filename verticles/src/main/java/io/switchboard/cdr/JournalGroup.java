package io.switchboard.cdr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal batches one cdr-writer transaction takes: consecutive batches from the head of the
 * journal (after the ones already being written), up to {@code cdr.batch-size} records, decoded and
 * turned into statements ({@link CdrRows#prepare}). A single batch larger than the limit is taken
 * alone.
 *
 * @param batches how many journal batches the group holds (0: nothing to write)
 * @param entries their records and events, oldest first
 * @param prepared the statements of one transaction
 */
public record JournalGroup(int batches, List<JournalEntry> entries, CdrRows.Prepared prepared) {

    /**
     * Reads a group. Blocking (journal I/O, JSON): call it on a worker thread, like every journal call.
     *
     * @param journal the journal
     * @param skip how many of the oldest batches belong to groups being written already
     * @param maxRecords the most entries one group takes ({@code cdr.batch-size})
     * @return the group, empty when no batch is left
     * @throws IOException on a disk error
     * @throws java.io.UncheckedIOException when a batch is unreadable
     */
    public static JournalGroup read(CdrJournal journal, int skip, int maxRecords) throws IOException {
        List<JournalEntry> entries = new ArrayList<>();
        int batches = journal.scan(skip, batch -> {
            List<JournalEntry> decoded = JournalEntry.decode(batch);
            if (!entries.isEmpty() && entries.size() + decoded.size() > maxRecords) {
                return false;
            }
            entries.addAll(decoded);
            return true;
        });
        return new JournalGroup(batches, List.copyOf(entries), CdrRows.prepare(entries));
    }
}
