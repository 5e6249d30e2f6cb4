package io.logwarden.ingest.internal.ship;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether Elasticsearch's confirmation of a journal position is the first one, so outcomes are counted once
 * per position although a replay re-sends records that were already confirmed. Without a replay every
 * confirmation is the first (one comparison); a replay remembers which re-sent positions were still unconfirmed.
 */
final class FirstConfirmations {

    private final Set<Long> unconfirmedBeforeReplayEnd = ConcurrentHashMap.newKeySet();
    private volatile long replayEnd = Long.MIN_VALUE;

    /** Whether this confirmation of {@code position} is its first; later calls for it answer false. */
    boolean first(long position) {
        return position >= replayEnd || unconfirmedBeforeReplayEnd.remove(position);
    }

    /**
     * Called before re-sending from {@code from}: {@code pending} are the positions sent but not confirmed,
     * {@code sentUpTo} the end of what was sent. Everything else in {@code [from, sentUpTo)} was confirmed.
     */
    void replaying(long from, Collection<Long> pending, long sentUpTo) {
        unconfirmedBeforeReplayEnd.removeIf(p -> p < from);
        long previousEnd = replayEnd;
        for (Long p : pending) {
            if (p >= previousEnd) {
                unconfirmedBeforeReplayEnd.add(p);
            }
        }
        replayEnd = Math.max(previousEnd, sentUpTo);
    }
}
