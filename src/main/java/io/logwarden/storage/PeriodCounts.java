package io.logwarden.storage;

import java.time.Instant;
import java.util.Map;

/**
 * Counts over one period of a {@link EventAnalytics#periodCounts} request.
 *
 * @param from     start (inclusive)
 * @param to       end (exclusive)
 * @param total    matching events in the period
 * @param byValue  value of the split field → events with it
 * @param distinct approximate number of distinct values of the distinct field (0 when none was asked)
 */
public record PeriodCounts(Instant from, Instant to, long total, Map<String, Long> byValue, long distinct) {

    /** Events whose split value is one of {@code values}. */
    public long sum(Iterable<String> values) {
        long sum = 0;
        for (String value : values) {
            sum += byValue.getOrDefault(value, 0L);
        }
        return sum;
    }
}
