package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import io.logwarden.storage.EventAnalytics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The series of one volume split read from an overview's answer: the range's top values with their counts (and, for
 * the error rate's split, their errors) per bucket, and what the other values leave over per bucket as
 * {@link EventAnalytics#MISSING} (only events without the field) or {@link EventAnalytics#OTHER}.
 */
final class SplitSeries {

    /** Counts and errors per series name, one value per bucket. */
    record Series(Map<String, long[]> counts, Map<String, long[]> errors) {
    }

    /** The listed values, most frequent first, and how many events of the range have a value not listed. */
    record Listed(Map<String, long[]> counts, Map<String, long[]> errors, long others) {
    }

    private final HistogramBuckets buckets;
    private final int maxSeries;

    SplitSeries(HistogramBuckets buckets, int maxSeries) {
        this.buckets = buckets;
        this.maxSeries = maxSeries;
    }

    /** True when some bucket's {@code terms} under {@code name} could not list every value. */
    static boolean overflows(List<DateHistogramBucket> histogram, String name) {
        return histogram.stream().anyMatch(b -> othersOf(b.aggregations().get(name).sterms()) > 0);
    }

    /**
     * The range's top values from per-bucket lists that hold every value of their bucket.
     *
     * @param all         the histogram of all events, the split's {@code terms} under {@code name} in each bucket
     * @param errors      the histogram of the errors with the same {@code terms} under {@code errorName}, or null
     */
    Listed fromBucketLists(List<DateHistogramBucket> all, String name, List<DateHistogramBucket> errors,
                           String errorName) {
        Map<String, Long> inRange = new HashMap<>();
        Map<String, long[]> counts = perValue(all, name, inRange);
        Map<String, long[]> errorCounts = errors == null ? Map.of() : perValue(errors, errorName, new HashMap<>());
        // Elasticsearch's order for terms: most events first, then by value
        List<String> top = inRange.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(maxSeries).map(Map.Entry::getKey).toList();
        Map<String, long[]> listedCounts = new LinkedHashMap<>();
        Map<String, long[]> listedErrors = new LinkedHashMap<>();
        long others = inRange.values().stream().mapToLong(Long::longValue).sum();
        for (String key : top) {
            listedCounts.put(key, counts.get(key));
            if (errors != null) {
                listedErrors.put(key, errorCounts.getOrDefault(key, new long[buckets.size()]));
            }
            others -= inRange.get(key);
        }
        return new Listed(listedCounts, listedErrors, others);
    }

    /**
     * The top values as Elasticsearch listed them for the range, each with its date histogram under
     * {@code overTime}; {@code errorCounts} reads a histogram's errors per bucket, null when none are wanted.
     */
    Listed fromRangeWide(StringTermsAggregate terms, String overTime,
                         Function<List<DateHistogramBucket>, long[]> errorCounts) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, long[]> errors = new LinkedHashMap<>();
        for (StringTermsBucket bucket : terms.buckets().array()) {
            List<DateHistogramBucket> histogram = bucket.aggregations().get(overTime).dateHistogram().buckets()
                    .array();
            counts.put(bucket.key().stringValue(), buckets.counts(histogram));
            if (errorCounts != null) {
                errors.put(bucket.key().stringValue(), errorCounts.apply(histogram));
            }
        }
        return new Listed(counts, errors, othersOf(terms));
    }

    /** Series per listed value, plus the rest of each bucket as {@code MISSING} or {@code OTHER} when there is any. */
    static Series series(Listed listed, long total, long[] totals, long[] errorTotals) {
        Map<String, long[]> counts = new LinkedHashMap<>(listed.counts());
        Map<String, long[]> errors = new LinkedHashMap<>(listed.errors());
        long[] rest = totals.clone();
        long[] errorRest = errorTotals == null ? null : errorTotals.clone();
        long listedEvents = 0;
        for (var value : listed.counts().entrySet()) {
            subtract(rest, value.getValue());
            listedEvents += Arrays.stream(value.getValue()).sum();
            if (errorRest != null) {
                subtract(errorRest, listed.errors().get(value.getKey()));
            }
        }
        if (total - listedEvents > 0 && Arrays.stream(rest).anyMatch(c -> c > 0)) {
            String name = listed.others() == 0 ? EventAnalytics.MISSING : EventAnalytics.OTHER;
            counts.put(name, rest);
            if (errorRest != null) {
                errors.put(name, errorRest);
            }
        }
        return new Series(counts, errors);
    }

    /** Counts per value and bucket of the {@code terms} under {@code name}; adds each value's range total. */
    private Map<String, long[]> perValue(List<DateHistogramBucket> histogram, String name,
                                         Map<String, Long> inRange) {
        Map<String, long[]> counts = new HashMap<>();
        for (DateHistogramBucket b : histogram) {
            int index = buckets.index(b.key());
            if (index < 0) {
                continue;
            }
            for (StringTermsBucket value : b.aggregations().get(name).sterms().buckets().array()) {
                String key = value.key().stringValue();
                counts.computeIfAbsent(key, k -> new long[buckets.size()])[index] = value.docCount();
                inRange.merge(key, value.docCount(), Long::sum);
            }
        }
        return counts;
    }

    private static long othersOf(StringTermsAggregate terms) {
        return terms.sumOtherDocCount() == null ? 0 : terms.sumOtherDocCount();
    }

    private static void subtract(long[] from, long[] values) {
        for (int i = 0; i < from.length; i++) {
            from[i] = Math.max(0, from[i] - values[i]);
        }
    }
}
