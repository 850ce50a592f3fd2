package io.switchboard.cdr;

import com.squareup.tape2.QueueFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The cdr-writer's durable, bounded buffer: a file-backed FIFO (Square's tape {@link QueueFile},
 * which syncs every append to disk before it returns) of journal batches. A batch is one element:
 * the records that arrived within one group-commit interval, as bytes the caller chose
 * ({@link JournalEntry#encode}). Records wait here while PostgreSQL is down or slow and are removed
 * only after they were written.
 *
 * <p>Several cdr-writers may share a folder: each takes the first file {@code cdr-journal-N.tape}
 * (N = 1..16) whose lock file it can lock, so a restarted node reopens (and drains) the journal it
 * left. Every method blocks on disk I/O: call it from a worker thread, one at a time.
 */
public final class CdrJournal implements Closeable {

    private static final int MAX_FILES = 16;

    private final QueueFile queue;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long maxBytes;

    private CdrJournal(QueueFile queue, FileChannel lockChannel, FileLock lock, long maxBytes) {
        this.queue = queue;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens (or creates) the first journal of {@code dir} that no other process holds.
     *
     * @param dir the journal folder (created when missing)
     * @param maxBytes the size beyond which {@link #append} refuses, bytes
     * @return the journal
     * @throws IOException when the folder cannot be written or all 16 journals are held
     */
    public static CdrJournal open(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        for (int n = 1; n <= MAX_FILES; n++) {
            Path lockFile = dir.resolve("cdr-journal-" + n + ".lock");
            FileChannel channel = new RandomAccessFile(lockFile.toFile(), "rw").getChannel();
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                continue;
            }
            QueueFile queue = new QueueFile.Builder(dir.resolve("cdr-journal-" + n + ".tape").toFile())
                    .zero(false) // removed batches are not overwritten: the header alone says where data is
                    .build();
            return new CdrJournal(queue, channel, lock, maxBytes);
        }
        throw new IOException("all " + MAX_FILES + " CDR journals in " + dir + " are held by other processes");
    }

    /** @return the journal file */
    public Path file() {
        return queue.file().toPath();
    }

    /**
     * Appends one batch, synced to disk.
     *
     * @param batch the encoded batch
     * @throws JournalFullException when the journal already holds {@code maxBytes}
     * @throws IOException on a disk error
     */
    public void append(byte[] batch) throws IOException {
        if (bytes() + batch.length > maxBytes) {
            throw new JournalFullException("CDR journal " + file() + " is full (" + bytes() + " of " + maxBytes
                    + " bytes): PostgreSQL has been unavailable for long");
        }
        queue.add(batch);
    }

    /**
     * @param max how many batches at most
     * @return the oldest batches, oldest first, without removing them
     */
    public List<byte[]> peek(int max) throws IOException {
        List<byte[]> batches = new ArrayList<>(Math.min(max, queue.size()));
        Iterator<byte[]> it = queue.iterator();
        while (it.hasNext() && batches.size() < max) {
            batches.add(it.next());
        }
        return batches;
    }

    /**
     * Visits batches oldest first, from the {@code skip}-th on, until {@code take} refuses one (or
     * none are left); nothing is removed.
     *
     * @param skip how many of the oldest batches to pass over
     * @param take called with each batch's bytes; false stops the scan (that batch is not counted)
     * @return how many batches {@code take} accepted
     */
    public int scan(int skip, java.util.function.Predicate<byte[]> take) throws IOException {
        Iterator<byte[]> it = queue.iterator();
        for (int i = 0; i < skip && it.hasNext(); i++) {
            it.next();
        }
        int taken = 0;
        while (it.hasNext() && take.test(it.next())) {
            taken++;
        }
        return taken;
    }

    /** Removes the {@code count} oldest batches (after they were written). */
    public void remove(int count) throws IOException {
        queue.remove(count);
    }

    /** @return batches waiting */
    public int batches() {
        return queue.size();
    }

    /** @return the journal file's size, bytes (an upper bound of what waits) */
    public long bytes() {
        return queue.file().length();
    }

    @Override
    public void close() throws IOException {
        queue.close();
        lock.release();
        lockChannel.close();
    }

    /** {@link #append} refused: the journal reached its bound. */
    public static final class JournalFullException extends IOException {
        JournalFullException(String message) {
            super(message);
        }
    }
}
