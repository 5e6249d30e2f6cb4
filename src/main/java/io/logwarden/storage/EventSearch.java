package io.logwarden.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Searches over the event indices. Every method applies the query's time range and scope as filters outside the
 * query text.
 */
public interface EventSearch {

    /**
     * The newest matching events without a point in time: one request, for answers that may need no second page.
     * Ties of {@code @timestamp} come in no defined order; each event's sort values are {@code [@timestamp]}.
     *
     * @param countTotal whether to count all matches exactly (otherwise the page's total is -1)
     * @param fields     source fields to return; empty returns whole events
     */
    EventPage first(EventQuery query, int size, boolean countTotal, List<String> fields);

    /** Opens a point in time over the event indices, kept for {@code keepAlive} after each use. */
    String openPointInTime(Duration keepAlive);

    /**
     * One page newest first inside the request's point in time, ordered by {@code @timestamp} and the point in time's
     * {@code _shard_doc} tiebreaker, so paging with {@code search_after} neither skips nor repeats.
     *
     * @throws CursorExpiredException when the point in time has expired or was closed
     */
    EventPage page(EventQuery query, PageRequest request);

    /**
     * The {@code request.size()} events from row {@code offset} of the newest-first order inside the request's point
     * in time (and boundary, if it has one; its {@code searchAfter} is ignored), without reading the rows before it:
     * date histograms inside the point in time find the time slice holding that row, then a small {@code from} inside
     * the slice. Each event carries sort values to continue with {@link #page}.
     *
     * @throws CursorExpiredException when the point in time has expired or was closed
     */
    EventPage pageAt(EventQuery query, PageRequest request, long offset);

    /** Releases a point in time in the background; unknown or expired ids are ignored. */
    void closePointInTime(String pitId);

    /** Matching events per {@code interval}, oldest first, empty buckets included. */
    List<CountBucket> histogram(EventQuery query, Duration interval);

    /** The {@code size} most frequent values of a keyword-like field. */
    TopTerms topTerms(EventQuery query, String field, int size);

    /** The event with this id, if the scope lets the caller see it. */
    Optional<StoredEvent> byId(String id, ScopeFilter scope);

    /** The events with these ids that the scope lets the caller see, in no particular order. */
    List<StoredEvent> byIds(Collection<String> ids, ScopeFilter scope);

    /**
     * Up to {@code max} matching events oldest first, events with equal timestamps in the order they were ingested
     * (then indexed), leaving out {@code excludedIds}; the page's total counts every match (entity timelines).
     */
    EventPage oldestFirst(EventQuery query, Collection<String> excludedIds, int max);

    /**
     * Up to {@code max} matching events with {@code event.ingested} at or after {@code since}, most recently ingested
     * first (live tail). Each event's first sort value is its {@code event.ingested} in epoch milliseconds; without
     * {@code withSource} the events carry no document.
     */
    List<StoredEvent> ingestedSince(EventQuery query, Instant since, int max, boolean withSource);

    /** Up to {@code max} matching events at or before {@code at} (newest first) and after it (oldest first). */
    Surroundings around(EventQuery query, Instant at, String anchorId, int max);

    /** Events just before and just after an anchor event, each list ordered away from it. */
    record Surroundings(List<StoredEvent> before, List<StoredEvent> after) {
    }
}
