package io.logwarden.ingest.internal.journal;

import io.logwarden.ingest.FsyncPolicy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Segmented append-only log. Positions are global byte offsets that never repeat for the lifetime of the
 * directory, so {@code (journalId, position)} identifies a record forever. Appends are serialised; durability is
 * a group commit ({@link GroupCommit}); segments wholly below the checkpoint are deleted.
 */
public final class DiskJournal implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(DiskJournal.class);

    private final JournalSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition spaceFreed = lock.newCondition();
    private final ConcurrentSkipListMap<Long, Segment> segments;
    private final CheckpointFile checkpointFile;
    private final long journalId;
    private final AtomicLong corruptRecords = new AtomicLong();
    private final long recoveredTruncatedBytes;
    private final GroupCommit commits;

    private FileChannel current;
    private Segment currentSegment;
    private long totalBytes;
    private volatile long written;
    private volatile long checkpoint;
    private volatile boolean closed;

    private DiskJournal(JournalSettings settings, GroupCommit.Fsync fsync) throws IOException {
        this.settings = settings;
        Path dir = settings.directory();
        Files.createDirectories(dir);
        this.journalId = JournalFiles.readOrCreateId(dir.resolve("journal.id"));
        this.checkpointFile = new CheckpointFile(dir.resolve("checkpoint"));
        this.checkpoint = checkpointFile.read();
        this.segments = SegmentScanner.list(dir);
        this.recoveredTruncatedBytes = recover();
        this.commits = new GroupCommit(settings, fsync, lock, written, current);
    }

    /** Opens (creating or recovering) the journal in {@code settings.directory()}. */
    public static DiskJournal open(JournalSettings settings) throws IOException {
        return new DiskJournal(settings, GroupCommit.Fsync.CHANNEL);
    }

    static DiskJournal open(JournalSettings settings, GroupCommit.Fsync fsync) throws IOException {
        return new DiskJournal(settings, fsync);
    }

    private long recover() throws IOException {
        long truncated = 0;
        if (segments.isEmpty()) {
            openSegment(checkpoint);
        } else {
            Segment last = segments.lastEntry().getValue();
            current = FileChannel.open(last.path, StandardOpenOption.WRITE, StandardOpenOption.READ);
            truncated = SegmentScanner.cutTornTail(last, current, settings.maxRecordBytes());
            currentSegment = last;
            written = last.end();
            if (checkpoint > written) {
                log.warn("Journal checkpoint {} is past the recovered end {}: continuing at the checkpoint",
                        checkpoint, written);
                current.close();
                openSegment(checkpoint);
            }
        }
        segments.values().forEach(s -> totalBytes += s.size);
        deleteSegmentsBelow(checkpoint);
        // A segment file created here is only found again after a power loss once its directory entry is durable.
        JournalFiles.forceDirectory(settings.directory());
        return truncated;
    }

    private void openSegment(long base) throws IOException {
        Path path = settings.directory().resolve(Segment.fileName(base));
        current = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        currentSegment = new Segment(base, path, 0);
        segments.put(base, currentSegment);
        written = base;
    }

    /**
     * Appends records in order and returns the position after the last one. Waits up to {@code maxWait} for
     * space when the journal is at its size cap; with {@link FsyncPolicy#ALWAYS} also waits for the fsync.
     */
    public long append(List<byte[]> payloads, Duration maxWait)
            throws IOException, InterruptedException, JournalFullException {
        if (payloads.isEmpty()) {
            return written;
        }
        List<ByteBuffer> chunks = RecordCodec.encode(payloads, settings.maxRecordBytes());
        int bytes = RecordCodec.remaining(chunks);
        long end;
        lock.lockInterruptibly();
        try {
            long waitNanos = maxWait.toNanos();
            while (totalBytes + bytes > settings.maxBytes()) {
                ensureOpen();
                if (waitNanos <= 0) {
                    throw new JournalFullException("journal is full (" + totalBytes + " of "
                            + settings.maxBytes() + " bytes waiting to be shipped)");
                }
                waitNanos = spaceFreed.awaitNanos(waitNanos);
            }
            ensureOpen();
            if (currentSegment.size > 0 && currentSegment.size + bytes > settings.segmentBytes()) {
                commits.rolled(current);
                openSegment(written);
            }
            long offset = currentSegment.size;
            for (ByteBuffer buf : chunks) {
                while (buf.hasRemaining()) {
                    offset += current.write(buf, offset);
                }
            }
            currentSegment.size = offset;
            totalBytes += bytes;
            written += bytes;
            end = written;
            commits.appended(end, current);
        } finally {
            lock.unlock();
        }
        if (settings.fsyncPolicy() == FsyncPolicy.ALWAYS) {
            awaitDurable(end);
        }
        return end;
    }

    /** Blocks until every record before {@code position} is durable under the fsync policy. */
    public void awaitDurable(long position) throws IOException, InterruptedException {
        commits.awaitDurable(position);
    }

    /**
     * Records that everything before {@code position} has been handled; deletes segments wholly below it and
     * wakes appends waiting for space. The checkpoint survives restarts.
     */
    public void checkpoint(long position) throws IOException {
        if (position <= checkpoint) {
            return;
        }
        checkpointFile.write(position);
        checkpoint = position;
        lock.lock();
        try {
            deleteSegmentsBelow(position);
            spaceFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void deleteSegmentsBelow(long position) throws IOException {
        for (Map.Entry<Long, Segment> e : segments.entrySet()) {
            Segment s = e.getValue();
            if (s == currentSegment) {
                break;
            }
            Map.Entry<Long, Segment> next = segments.higherEntry(e.getKey());
            if (next != null && next.getKey() <= position) {
                Files.deleteIfExists(s.path);
                segments.remove(e.getKey());
                totalBytes -= s.size;
            }
        }
    }

    /** A reader starting at {@code position} (usually {@link #checkpoint()}). */
    public JournalReader reader(long position) {
        return new JournalReader(this, position);
    }

    Segment segmentAt(long position) {
        Map.Entry<Long, Segment> e = segments.floorEntry(position);
        return e != null ? e.getValue() : (segments.isEmpty() ? null : segments.firstEntry().getValue());
    }

    Segment segmentAfter(long base) {
        Map.Entry<Long, Segment> e = segments.higherEntry(base);
        return e != null ? e.getValue() : null;
    }

    void recordCorruption(Segment segment, long position, String why) {
        corruptRecords.incrementAndGet();
        log.error("Journal corruption in {} at position {}: {}; skipping the rest of the segment",
                segment.path.getFileName(), position, why);
    }

    JournalSettings settings() {
        return settings;
    }

    /** Random id of this journal directory, part of document ids so two journals never collide. */
    public long journalId() {
        return journalId;
    }

    /** Position after the last appended record. */
    public long endPosition() {
        return written;
    }

    /** Position up to which records are durable (and visible to readers). */
    public long durablePosition() {
        return commits.durable();
    }

    public long checkpoint() {
        return checkpoint;
    }

    /** Bytes on disk in segments not yet deleted. */
    public long sizeBytes() {
        lock.lock();
        try {
            return totalBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Whether an append of {@code bytes} would have to wait for space right now. */
    public boolean isFull(long bytes) {
        return sizeBytes() + bytes > settings.maxBytes();
    }

    public long corruptRecords() {
        return corruptRecords.get();
    }

    /** Bytes cut from a torn tail when this journal was opened. */
    public long recoveredTruncatedBytes() {
        return recoveredTruncatedBytes;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("journal is closed");
        }
    }

    /** Syncs what was appended (unless the policy is NONE) and closes the files. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            spaceFreed.signalAll();
        } finally {
            lock.unlock();
        }
        commits.close();
        current.close();
    }
}
