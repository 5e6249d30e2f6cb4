package io.logwarden.ingest.internal.journal;

import io.logwarden.ingest.FsyncPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Durability of a {@link DiskJournal}'s appends. Under {@link FsyncPolicy#BATCH} and {@link FsyncPolicy#ALWAYS} one
 * syncer thread fsyncs everything appended so far: within the fsync interval of the first unsynced append, at once
 * when someone waits for durability. {@link FsyncPolicy#NONE} counts an append as durable at once. Shares the
 * journal's lock: {@link #appended} and {@link #rolled} are called holding it.
 */
final class GroupCommit {

    /** How a segment is forced to disk; tests substitute a failing disk. */
    interface Fsync {
        Fsync CHANNEL = channel -> channel.force(false);

        void force(FileChannel channel) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JournalSettings settings;
    private final Fsync fsync;
    private final ReentrantLock lock;
    private final Condition syncWanted;
    private final Condition synced;
    private final Condition closing;
    private final List<FileChannel> rolledUnsynced = new ArrayList<>();
    private final Thread syncer;
    private FileChannel current;
    private long written;
    private long syncRequested;
    private IOException syncFailure;
    private boolean closed;
    private volatile long durable;

    GroupCommit(JournalSettings settings, Fsync fsync, ReentrantLock lock, long position, FileChannel current) {
        this.settings = settings;
        this.fsync = fsync;
        this.lock = lock;
        this.syncWanted = lock.newCondition();
        this.synced = lock.newCondition();
        this.closing = lock.newCondition();
        this.written = position;
        this.durable = position;
        this.current = current;
        this.syncer = settings.fsyncPolicy() == FsyncPolicy.NONE ? null
                : Thread.ofPlatform().name("journal-sync").daemon().start(this::syncLoop);
    }

    long durable() {
        return durable;
    }

    /** Data up to {@code end} was written to {@code channel}. Caller holds the lock. */
    void appended(long end, FileChannel channel) {
        boolean wasSynced = written == durable;
        written = end;
        current = channel;
        switch (settings.fsyncPolicy()) {
            case NONE -> durable = end;
            case ALWAYS -> requestSync(end);
            case BATCH -> {
                // Only an idle syncer needs waking: a busy one comes back for this data within the interval.
                // Waking it on every append cost a futex wake and a context switch per TCP read.
                if (wasSynced) {
                    syncWanted.signal();
                }
            }
        }
    }

    /** {@code channel}'s segment is complete; it is fsynced (then closed) with the next sync. Caller holds the lock. */
    void rolled(FileChannel channel) {
        if (settings.fsyncPolicy() == FsyncPolicy.NONE) {
            closeQuietly(channel);
        } else {
            rolledUnsynced.add(channel);
        }
    }

    /** Blocks until everything before {@code position} is durable; fails if the last fsync failed. */
    void awaitDurable(long position) throws IOException, InterruptedException {
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
                if (closed) {
                    throw new IOException("journal is closed");
                }
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
        long backoffNanos = 0;
        while (true) {
            long target;
            List<FileChannel> rolled;
            FileChannel channel;
            lock.lock();
            try {
                // After a failed fsync, pause before the next try: HTTP waiters keep asking, and a failing disk
                // would otherwise be retried in a tight loop.
                for (long until = System.nanoTime() + backoffNanos; !closed && System.nanoTime() < until; ) {
                    closing.awaitNanos(until - System.nanoTime());
                }
                while (!closed && written == durable) {
                    syncWanted.awaitUninterruptibly();
                }
                long deadline = System.nanoTime() + settings.fsyncInterval().toNanos();
                while (!closed && syncRequested <= durable && System.nanoTime() < deadline) {
                    syncWanted.awaitNanos(deadline - System.nanoTime());
                }
                if (closed && (written == durable || backoffNanos > 0)) {
                    if (written != durable) {
                        log.error("Journal closed with {} bytes not fsynced after fsync failures", written - durable);
                    }
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
            IOException failure = sync(rolled, channel);
            backoffNanos = failure == null ? 0 : Math.min(MAX_BACKOFF_NANOS, Math.max(MIN_BACKOFF_NANOS, 2 * backoffNanos));
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

    private IOException sync(List<FileChannel> rolled, FileChannel channel) {
        try {
            for (FileChannel c : rolled) {
                fsync.force(c);
                c.close();
            }
            if (!rolled.isEmpty()) {
                JournalFiles.forceDirectory(settings.directory());
            }
            fsync.force(channel);
            return null;
        } catch (IOException e) {
            log.error("Journal fsync failed; appends stay unacknowledged until it succeeds", e);
            return e;
        }
    }

    /** Stops after a last sync of what was appended (unless fsync keeps failing) and closes rolled segments. */
    void close() {
        lock.lock();
        try {
            closed = true;
            syncWanted.signalAll();
            synced.signalAll();
            closing.signalAll();
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
        rolledUnsynced.forEach(GroupCommit::closeQuietly);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Cannot close a journal segment: {}", e.toString());
        }
    }
}
