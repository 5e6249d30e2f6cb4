package io.logwarden.ingest.internal.ship;

import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Journal records sent but not yet confirmed. The safe checkpoint is the start of the oldest unconfirmed record,
 * or the end of the newest sent one when none is outstanding: confirmations can arrive out of order.
 */
final class PendingTickets {

    private final ConcurrentSkipListMap<Long, Long> pending = new ConcurrentSkipListMap<>();
    private volatile long sentUpTo;

    PendingTickets(long start) {
        this.sentUpTo = start;
    }

    void sent(long position, long nextPosition) {
        pending.put(position, nextPosition);
        sentUpTo = nextPosition;
    }

    void confirmed(long position) {
        pending.remove(position);
    }

    long safeCheckpoint() {
        long upTo = sentUpTo;
        var first = pending.firstEntry();
        return first == null ? upTo : first.getKey();
    }

    /** Positions sent and not confirmed. */
    java.util.Set<Long> pendingPositions() {
        return java.util.Set.copyOf(pending.keySet());
    }

    /** End of the newest record sent. */
    long sentUpTo() {
        return sentUpTo;
    }

    /** Forgets everything outstanding; the caller replays from {@link #safeCheckpoint()} taken before. */
    void reset(long position) {
        pending.clear();
        sentUpTo = position;
    }
}
