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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Segmented append-only log. Positions are global byte offsets that never repeat for the lifetime of the
 * directory, so {@code (journalId, position)} identifies a record forever. Appends are serialised; durability is
 * a group commit by one syncer thread; segments wholly below the checkpoint are deleted.
 */
public final class DiskJournal implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(DiskJournal.class);

    private final JournalSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition spaceFreed = lock.newCondition();
    private final Condition syncWanted = lock.newCondition();
    private final Condition synced = lock.newCondition();
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final List<FileChannel> rolledUnsynced = new ArrayList<>();
    private final CheckpointFile checkpointFile;
    private final long journalId;
    private final AtomicLong corruptRecords = new AtomicLong();
    private final long recoveredTruncatedBytes;
    private final Thread syncer;

    private FileChannel current;
    private Segment currentSegment;
    private long totalBytes;
    private long syncRequested;
    private IOException syncFailure;
    private volatile long written;
    private volatile long durable;
    private volatile long checkpoint;
    private volatile boolean closed;

    private DiskJournal(JournalSettings settings) throws IOException {
        this.settings = settings;
        Path dir = settings.directory();
        Files.createDirectories(dir);
        this.journalId = readOrCreateId(dir.resolve("journal.id"));
        this.checkpointFile = new CheckpointFile(dir.resolve("checkpoint"));
        this.checkpoint = checkpointFile.read();
        this.recoveredTruncatedBytes = recover();
        this.durable = written;
        if (settings.fsyncPolicy() == FsyncPolicy.NONE) {
            this.syncer = null;
        } else {
            this.syncer = Thread.ofPlatform().name("journal-sync").daemon().start(this::syncLoop);
        }
    }

    /** Opens (creating or recovering) the journal in {@code settings.directory()}. */
    public static DiskJournal open(JournalSettings settings) throws IOException {
        return new DiskJournal(settings);
    }

    private long recover() throws IOException {
        try (Stream<Path> files = Files.list(settings.directory())) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".seg")).toList()) {
                long base = Long.parseLong(p.getFileName().toString().replace(".seg", ""));
                segments.put(base, new Segment(base, p, Files.size(p)));
            }
        }
        long truncated = 0;
        if (segments.isEmpty()) {
            openSegment(checkpoint);
        } else {
            Segment last = segments.lastEntry().getValue();
            long valid = SegmentScanner.validLength(last.path, settings.maxRecordBytes());
            truncated = last.size - valid;
            current = FileChannel.open(last.path, StandardOpenOption.WRITE, StandardOpenOption.READ);
            if (truncated > 0) {
                log.warn("Journal segment {} had a torn tail: truncated {} bytes after the last valid record",
                        last.path.getFileName(), truncated);
                current.truncate(valid);
                current.force(true);
                last.size = valid;
            }
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
        ByteBuffer buf = RecordCodec.encode(payloads, settings.maxRecordBytes());
        int bytes = buf.remaining();
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
                rolledUnsynced.add(current);
                openSegment(written);
            }
            long offset = currentSegment.size;
            while (buf.hasRemaining()) {
                offset += current.write(buf, offset);
            }
            currentSegment.size = offset;
            totalBytes += bytes;
            written += bytes;
            end = written;
            switch (settings.fsyncPolicy()) {
                case NONE -> durable = end;
                case ALWAYS -> requestSync(end);
                case BATCH -> syncWanted.signal();
            }
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
        if (durable >= position) {
            return;
        }
        lock.lockInterruptibly();
        try {
            requestSync(position);
            while (durable < position) {
                if (syncFailure != null) {
                    throw new IOException("journal fsync failed", syncFailure);
                }
                ensureOpen();
                synced.await(1, TimeUnit.SECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void requestSync(long position) {
        syncRequested = Math.max(syncRequested, position);
        syncWanted.signal();
    }

    private void syncLoop() {
        while (true) {
            long target;
            List<FileChannel> rolled;
            FileChannel channel;
            lock.lock();
            try {
                while (!closed && written == durable) {
                    syncWanted.awaitUninterruptibly();
                }
                long deadline = System.nanoTime() + settings.fsyncInterval().toNanos();
                while (!closed && syncRequested <= durable && System.nanoTime() < deadline) {
                    syncWanted.awaitNanos(deadline - System.nanoTime());
                }
                if (closed && written == durable) {
                    return;
                }
                target = written;
                rolled = new ArrayList<>(rolledUnsynced);
                rolledUnsynced.clear();
                channel = current;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            IOException failure = null;
            try {
                for (FileChannel c : rolled) {
                    c.force(false);
                    c.close();
                }
                if (!rolled.isEmpty()) {
                    forceDirectory();
                }
                channel.force(false);
            } catch (IOException e) {
                log.error("Journal fsync failed; appends stay unacknowledged until it succeeds", e);
                failure = e;
            }
            lock.lock();
            try {
                if (failure == null) {
                    durable = Math.max(durable, target);
                    syncFailure = null;
                } else {
                    syncFailure = failure;
                    rolledUnsynced.addAll(0, rolled.stream().filter(FileChannel::isOpen).toList());
                }
                synced.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(settings.directory(), StandardOpenOption.READ)) {
            dir.force(true);
        }
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
        return durable;
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
            syncWanted.signalAll();
            spaceFreed.signalAll();
            synced.signalAll();
        } finally {
            lock.unlock();
        }
        if (syncer != null) {
            try {
                syncer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (FileChannel c : rolledUnsynced) {
            c.close();
        }
        current.close();
    }

    private static long readOrCreateId(Path file) throws IOException {
        if (Files.exists(file)) {
            return Long.parseUnsignedLong(Files.readString(file).strip(), 16);
        }
        long id = new SecureRandom().nextLong();
        Files.writeString(file, Long.toHexString(id) + "\n");
        return id;
    }
}
