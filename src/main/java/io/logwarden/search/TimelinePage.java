package io.logwarden.search;

import java.time.Instant;
import java.util.List;

/**
 * A stretch of an entity timeline, oldest first.
 *
 * @param entries       the events, oldest first (equal timestamps in ingestion order)
 * @param total         all events of the timeline in the range
 * @param offset        how many older events come before this page
 * @param lastTimestamp timestamp of the last entry (where the next, newer page starts), null when empty
 * @param idsAtLast     ids of the entries shown so far with {@code lastTimestamp} (the next page leaves them out)
 */
public record TimelinePage(List<TimelineEntry> entries, long total, long offset, Instant lastTimestamp,
                           List<String> idsAtLast) {

    public TimelinePage {
        entries = List.copyOf(entries);
        idsAtLast = List.copyOf(idsAtLast);
    }

    /** Whether newer events than these exist in the range. */
    public boolean hasNewer() {
        return !entries.isEmpty() && offset + entries.size() < total;
    }
}
