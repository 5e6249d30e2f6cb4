package io.logwarden.analytics;

import java.time.Duration;
import java.util.List;

/**
 * Picks a round histogram interval for a time range so a chart gets about 100-200 buckets, since core Elasticsearch
 * has no {@code auto_date_histogram}.
 */
public final class BucketSize {

    /** Most buckets a chart should get; the chosen interval is the smallest round one that stays within it. */
    public static final int MAX_BUCKETS = 200;

    private static final List<Duration> ROUND = List.of(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7),
            Duration.ofDays(14), Duration.ofDays(30));

    private BucketSize() {
    }

    /** Most buckets of the duration percentile chart: each bucket holds a percentile sketch per series. */
    public static final int MAX_PERCENTILE_BUCKETS = 60;

    public static Duration forRange(Duration range) {
        return forRange(range, MAX_BUCKETS);
    }

    /** The smallest round interval that gives the range at most {@code maxBuckets} buckets. */
    public static Duration forRange(Duration range, int maxBuckets) {
        if (range.isNegative() || range.isZero()) {
            throw new IllegalArgumentException("An empty or negative range has no buckets: " + range);
        }
        for (Duration interval : ROUND) {
            if (buckets(range, interval) <= maxBuckets) {
                return interval;
            }
        }
        long days = (long) Math.ceil(range.toDays() / (double) maxBuckets);
        return Duration.ofDays(Math.max(days, 30));
    }

    static long buckets(Duration range, Duration interval) {
        return (range.toMillis() + interval.toMillis() - 1) / interval.toMillis();
    }
}
