package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The buckets of a fixed-interval date histogram over a range, aligned to the epoch as Elasticsearch aligns them.
 * Elasticsearch is asked only for non-empty buckets (no {@code extended_bounds}, which would put the exact range into
 * the request and defeat the shard request cache); the arrays here hold a zero for every empty bucket.
 */
record HistogramBuckets(long first, long step, int size) {

    static HistogramBuckets of(Instant from, Instant to, Duration interval) {
        long step = interval.toMillis();
        long first = Math.floorDiv(from.toEpochMilli(), step) * step;
        long end = to.toEpochMilli();
        int size = (int) ((end - first + step - 1) / step);
        return new HistogramBuckets(first, step, size);
    }

    /** The bucket index of a key, or -1 when it lies outside the range. */
    int index(long key) {
        long i = (key - first) / step;
        return key < first || i >= size ? -1 : (int) i;
    }

    List<Instant> starts() {
        List<Instant> starts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            starts.add(Instant.ofEpochMilli(first + i * step));
        }
        return starts;
    }

    Aggregation aggregation(Map<String, Aggregation> subs) {
        return Aggregation.of(a -> a.dateHistogram(h -> h.field(EventQueries.TIMESTAMP)
                        .fixedInterval(f -> f.time(step / 1000 + "s")))
                .aggregations(subs));
    }

    /** Doc counts per bucket. */
    long[] counts(List<DateHistogramBucket> buckets) {
        long[] counts = new long[size];
        for (DateHistogramBucket b : buckets) {
            int i = index(b.key());
            if (i >= 0) {
                counts[i] = b.docCount();
            }
        }
        return counts;
    }
}
