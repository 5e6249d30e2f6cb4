package io.logwarden.storage;

import java.time.Duration;
import java.util.List;

/**
 * Which page of a point-in-time search to read.
 *
 * @param size        events per page
 * @param pitId       point in time to read from; null opens a new one
 * @param keepAlive   how long the point in time stays open after this page
 * @param searchAfter sort values of the last event of the previous page; empty for the first page
 * @param countTotal  whether to count all matches exactly
 * @param fields      source fields to return; empty returns whole events
 */
public record PageRequest(int size, String pitId, Duration keepAlive, List<Long> searchAfter, boolean countTotal,
                          List<String> fields) {

    public PageRequest {
        searchAfter = searchAfter == null ? List.of() : List.copyOf(searchAfter);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
