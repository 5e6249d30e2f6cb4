package io.logwarden.storage;

import java.util.List;

/**
 * Where a point-in-time scan stands; plain data so it can be persisted and a scan resumed by another process.
 *
 * @param pitId       the point-in-time id, or null when the scan matched no index at all
 * @param searchAfter sort values of the last hit returned (empty before the first page)
 * @param total       exact number of matching documents in the point in time, -1 until the first page
 */
public record ScanCursor(String pitId, List<Object> searchAfter, long total) {

    public ScanCursor {
        searchAfter = searchAfter == null ? List.of() : List.copyOf(searchAfter);
    }

    public boolean empty() {
        return pitId == null;
    }
}
