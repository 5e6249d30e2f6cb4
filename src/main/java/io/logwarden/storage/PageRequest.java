package io.logwarden.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which page of a point-in-time search to read.
 *
 * @param size        events per page
 * @param pitId       point in time to read from
 * @param keepAlive   how long the point in time stays open after this page
 * @param searchAfter sort values of the last event of the previous page; empty for the first page
 * @param countTotal  whether to count all matches exactly
 * @param fields      source fields to return; empty returns whole events
 * @param notAfter    null, or: only events at or before this {@code @timestamp} ...
 * @param excludedIds ... other than these; the continuation of a page read without a point in time (its last
 *                    timestamp and the events it returned with that timestamp)
 */
public record PageRequest(int size, String pitId, Duration keepAlive, List<Long> searchAfter, boolean countTotal,
                          List<String> fields, Instant notAfter, List<String> excludedIds) {

    public PageRequest {
        searchAfter = searchAfter == null ? List.of() : List.copyOf(searchAfter);
        fields = fields == null ? List.of() : List.copyOf(fields);
        excludedIds = excludedIds == null ? List.of() : List.copyOf(excludedIds);
    }

    public PageRequest(int size, String pitId, Duration keepAlive, List<Long> searchAfter, boolean countTotal,
                       List<String> fields) {
        this(size, pitId, keepAlive, searchAfter, countTotal, fields, null, List.of());
    }
}
