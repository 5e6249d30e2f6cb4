package io.logwarden.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a chart shows: a time range and an optional Lucene query (blank for all events in the user's scope).
 *
 * @param from  start (inclusive)
 * @param to    end (exclusive)
 * @param query Lucene query syntax, may be blank
 */
public record TimeRange(Instant from, Instant to, String query) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The range must end after it starts: " + from + " .. " + to);
        }
        query = query == null ? "" : query.strip();
    }

    /** The last {@code length} up to {@code now}. */
    public static TimeRange last(Duration length, Instant now, String query) {
        return new TimeRange(now.minus(length), now, query);
    }

    /**
     * About the last {@code length} up to {@code now}, with bounds rounded so that everyone opening the same chart
     * within a minute asks Elasticsearch the same question (its shard request cache answers the repeats): the end is
     * {@code now} rounded up to the minute, the start is {@code length} before it rounded down to the chart's bucket
     * width, so the first bucket is whole.
     */
    public static TimeRange rounded(Duration length, Instant now, String query) {
        long minute = Duration.ofMinutes(1).toMillis();
        long end = Math.ceilDiv(now.toEpochMilli(), minute) * minute;
        long bucket = BucketSize.forRange(length).toMillis();
        long start = Math.floorDiv(end - length.toMillis(), bucket) * bucket;
        return new TimeRange(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), query);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The range of the same length just before this one. */
    public TimeRange previous() {
        return new TimeRange(from.minus(length()), from, query);
    }
}
