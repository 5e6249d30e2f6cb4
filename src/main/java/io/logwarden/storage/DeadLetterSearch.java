package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads the daily dead-letter indices ({@code logwarden-deadletter-*}). */
public interface DeadLetterSearch {

    /**
     * Dead letters whose {@code @timestamp} is in {@code [from, to)}, newest first, optionally of one reason; the
     * per-reason counts cover the whole range (every reason), so a filter can offer them.
     *
     * @param reason only this reason, or null for all
     */
    DeadLetterHits find(Instant from, Instant to, String reason, int offset, int limit);

    /**
     * @param total   matching dead letters (exact)
     * @param hits    the requested page
     * @param reasons dead letters per reason over the range
     */
    record DeadLetterHits(long total, List<StoredDeadLetter> hits, Map<String, Long> reasons) {
    }

    /** One dead-letter document as stored. */
    record StoredDeadLetter(String id, String index, Map<String, Object> source) {
    }
}
