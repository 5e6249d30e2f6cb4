package io.logwarden.search;

import java.time.Duration;
import java.util.List;

/**
 * Matches over time.
 *
 * @param range    the searched range
 * @param interval width of a bucket
 * @param buckets  oldest first, empty buckets included
 */
public record Histogram(TimeRange range, Duration interval, List<HistogramBucket> buckets) {

    public long total() {
        return buckets.stream().mapToLong(HistogramBucket::count).sum();
    }
}
