package io.logwarden.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Searches over the event indices. Every method applies the query's time range and scope as filters outside the
 * query text.
 */
public interface EventSearch {

    /** Newest first, with {@code @timestamp} and a point-in-time tiebreaker, so paging never skips or repeats. */
    EventPage page(EventQuery query, PageRequest request);

    /** Releases a point in time before its keep-alive ends; unknown or expired ids are ignored. */
    void closePointInTime(String pitId);

    /** Matching events per {@code interval}, oldest first, empty buckets included. */
    List<CountBucket> histogram(EventQuery query, Duration interval);

    /** The {@code size} most frequent values of a keyword-like field. */
    TopTerms topTerms(EventQuery query, String field, int size);

    /** The event with this id, if the scope lets the caller see it. */
    Optional<StoredEvent> byId(String id, ScopeFilter scope);

    /** Up to {@code max} matching events oldest first (entity timelines). */
    List<StoredEvent> oldestFirst(EventQuery query, int max);

    /** Up to {@code max} matching events newest first, without a point in time (live tail, surroundings). */
    List<StoredEvent> newestFirst(EventQuery query, int max);

    /** Up to {@code max} matching events at or before {@code at} (newest first) and after it (oldest first). */
    Surroundings around(EventQuery query, Instant at, String anchorId, int max);

    /** Events just before and just after an anchor event, each list ordered away from it. */
    record Surroundings(List<StoredEvent> before, List<StoredEvent> after) {
    }
}
