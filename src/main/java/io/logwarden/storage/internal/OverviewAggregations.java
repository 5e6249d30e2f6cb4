package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.KeyCount;
import io.logwarden.storage.OverviewData;
import io.logwarden.storage.OverviewRequest;
import io.logwarden.storage.PercentileSeries;
import io.logwarden.storage.SeriesHistogram;
import io.logwarden.storage.TopValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregations of an {@link OverviewRequest} and how their answer is read. One top-level date histogram
 * ({@code all}) gives the totals per bucket and, inside each bucket, a {@code terms} per split listing every value of
 * that bucket (up to {@link #VALUES_PER_BUCKET}, fewer when there are several lists, see {@link #MAX_LISTED_BUCKETS}),
 * from which {@link SplitSeries} takes the range's top values exactly: reading the timestamp once for all splits
 * measured a third cheaper at 5M events than a date histogram under each split's {@code terms}
 * (bench/dashboard/RESULTS.md). A split with more values than that in some bucket is asked for
 * again in that range-wide shape ({@link #rangeWideSplits}). The errors are a top-level {@code filter} with their own
 * histogram and the error rate's split under it: it reads only the errors, where a filter inside every bucket tested
 * every event. Durations are percentiles (t-digest) under an {@code exists} filter; each top field is a {@code terms}
 * whose missing count is {@code total − Σ buckets − sum_other_doc_count}.
 */
final class OverviewAggregations {

    private static final String ALL = "all";
    private static final String OVER_TIME = "t";
    private static final String ERRORS = "errors";
    private static final String SPLIT = "split_";
    private static final String TOP = "top_";
    private static final String DURATIONS = "durations";
    private static final String GROUPS = "groups";
    private static final String PERCENTILES = "pct";
    /** The bucket the top fields (and range-wide splits) sit in (see {@link #build}). */
    private static final String TERMS = "terms";
    /** Most values of a split listed per histogram bucket; a bucket with more asks for the range-wide shape. */
    static final int VALUES_PER_BUCKET = 100;
    /**
     * Most value buckets the per-bucket lists may add up to, well under Elasticsearch's {@code search.max_buckets}
     * (65,536 by default, which refuses the whole search): with many histogram buckets and lists, each list is
     * shorter.
     */
    static final int MAX_LISTED_BUCKETS = 40_000;
    /** Most buckets of a chart's histogram (analytics' {@code BucketSize.MAX_BUCKETS}). */
    static final int CHART_BUCKETS = 200;

    private final OverviewRequest request;
    private final HistogramBuckets buckets;
    private final HistogramBuckets durationBuckets;
    private final int valuesPerBucket;

    OverviewAggregations(OverviewRequest request) {
        this.request = request;
        this.buckets = HistogramBuckets.of(request.selection().from(), request.selection().to(), request.interval());
        this.durationBuckets = request.durations() == null ? null : HistogramBuckets.of(request.selection().from(),
                request.selection().to(), request.durations().interval());
        // sized for the most buckets a chart gets, not this range's count: as the end moves, the count changes by
        // one now and then, and a different size would change the request and miss the shard request cache
        int lists = request.splitFields().size() + (request.errors() == null ? 0 : 1);
        int histogramBuckets = Math.max(buckets.size(), CHART_BUCKETS);
        this.valuesPerBucket = Math.max(1, Math.min(VALUES_PER_BUCKET,
                MAX_LISTED_BUCKETS / (histogramBuckets * Math.max(1, lists))));
    }

    /**
     * The top fields sit under one {@code match_all} filter: Elasticsearch rewrites a top-level {@code terms} on a
     * field with up to about a thousand values into a filter per value ("filter by filter"), a pass per value, which
     * measured three to six times slower here than counting by global ordinals (user names, actions, services;
     * bench/dashboard/RESULTS.md). Under a parent aggregation that rewrite does not apply.
     */
    Map<String, Aggregation> build() {
        Map<String, Aggregation> perBucket = new LinkedHashMap<>();
        List<String> splits = request.splitFields();
        for (int i = 0; i < splits.size(); i++) {
            perBucket.put(SPLIT + i, everyValue(splits.get(i)));
        }
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put(ALL, buckets.aggregation(perBucket));
        if (request.errors() != null) {
            aggs.put(ERRORS, Aggregation.of(a -> a.filter(errorQuery()).aggregations(OVER_TIME,
                    buckets.aggregation(Map.of(SPLIT, everyValue(request.errors().splitField()))))));
        }
        Map<String, Aggregation> terms = new LinkedHashMap<>();
        List<String> tops = request.topFields();
        for (int i = 0; i < tops.size(); i++) {
            String field = tops.get(i);
            terms.put(TOP + i, Aggregation.of(a -> a.terms(t -> t.field(field).size(request.topSize()))));
        }
        if (!terms.isEmpty()) {
            aggs.put(TERMS, matchAll(terms));
        }
        if (request.durations() != null) {
            aggs.put(DURATIONS, durations(request.durations()));
        }
        return aggs;
    }

    private Aggregation everyValue(String field) {
        return Aggregation.of(a -> a.terms(t -> t.field(field).size(valuesPerBucket)));
    }

    /** The splits (by index) that some bucket of {@code aggs} could not list whole. */
    List<Integer> overflowingSplits(Map<String, Aggregate> aggs) {
        List<Integer> overflowing = new ArrayList<>();
        if (!aggs.containsKey(ALL)) {
            return overflowing;
        }
        List<DateHistogramBucket> all = aggs.get(ALL).dateHistogram().buckets().array();
        for (int i = 0; i < request.splitFields().size(); i++) {
            if (SplitSeries.overflows(all, SPLIT + i)
                    || isErrorSplit(request.splitFields().get(i)) && SplitSeries.overflows(errorBuckets(aggs), SPLIT)) {
                overflowing.add(i);
            }
        }
        return overflowing;
    }

    /**
     * The given splits in their range-wide shape: the top {@code maxSeries} values of the range, each with a date
     * histogram (and the errors in each bucket for the error rate's split), under a {@code match_all} filter (see
     * {@link #build}).
     */
    Map<String, Aggregation> rangeWideSplits(List<Integer> splitIndices) {
        Map<String, Aggregation> splits = new LinkedHashMap<>();
        for (int i : splitIndices) {
            String field = request.splitFields().get(i);
            Map<String, Aggregation> perBucket = isErrorSplit(field)
                    ? Map.of(ERRORS, Aggregation.of(a -> a.filter(errorQuery()))) : Map.of();
            splits.put(SPLIT + i, Aggregation.of(a -> a.terms(t -> t.field(field).size(request.maxSeries()))
                    .aggregations(OVER_TIME, buckets.aggregation(perBucket))));
        }
        return Map.of(TERMS, matchAll(splits));
    }

    private static Aggregation matchAll(Map<String, Aggregation> inside) {
        return Aggregation.of(a -> a.filter(f -> f.matchAll(m -> m)).aggregations(inside));
    }

    /**
     * @param aggs      the answer to {@link #build}
     * @param rangeWide the answer to {@link #rangeWideSplits} for the {@link #overflowingSplits}, else empty
     */
    OverviewData read(long total, Map<String, Aggregate> aggs, Map<String, Aggregate> rangeWide) {
        if (!aggs.containsKey(ALL)) {
            return empty();
        }
        Map<String, Aggregate> terms = aggs.containsKey(TERMS) ? aggs.get(TERMS).filter().aggregations() : Map.of();
        Map<String, Aggregate> wide = rangeWide.containsKey(TERMS) ? rangeWide.get(TERMS).filter().aggregations()
                : Map.of();
        List<DateHistogramBucket> all = aggs.get(ALL).dateHistogram().buckets().array();
        long[] totals = buckets.counts(all);
        List<DateHistogramBucket> errorBuckets = request.errors() == null ? null : errorBuckets(aggs);
        long[] errorTotals = errorBuckets == null ? null : buckets.counts(errorBuckets);
        SplitSeries reader = new SplitSeries(buckets, request.maxSeries());
        Map<String, SeriesHistogram> splits = new LinkedHashMap<>();
        SeriesHistogram errors = null;
        for (int i = 0; i < request.splitFields().size(); i++) {
            String field = request.splitFields().get(i);
            boolean withErrors = isErrorSplit(field);
            SplitSeries.Listed listed = wide.containsKey(SPLIT + i)
                    ? reader.fromRangeWide(wide.get(SPLIT + i).sterms(), OVER_TIME,
                            withErrors ? this::errorCounts : null)
                    : reader.fromBucketLists(all, SPLIT + i, withErrors ? errorBuckets : null, SPLIT);
            SplitSeries.Series split = SplitSeries.series(listed, total, totals, withErrors ? errorTotals : null);
            splits.put(field, new SeriesHistogram(buckets.starts(), split.counts(), split.counts()));
            if (withErrors) {
                errors = new SeriesHistogram(buckets.starts(), split.errors(), split.counts());
            }
        }
        PercentileSeries durations = request.durations() == null ? null : durations(aggs.get(DURATIONS));
        Map<String, TopValues> tops = new LinkedHashMap<>();
        for (int i = 0; i < request.topFields().size(); i++) {
            tops.put(request.topFields().get(i), top(terms.get(TOP + i).sterms(), total));
        }
        return new OverviewData(buckets.starts(), totals, total, splits, errors, durations, tops);
    }

    /** No event index exists at all: Elasticsearch answers without aggregations. */
    private OverviewData empty() {
        Map<String, SeriesHistogram> splits = new LinkedHashMap<>();
        request.splitFields().forEach(f -> splits.put(f, new SeriesHistogram(buckets.starts(), Map.of(), Map.of())));
        SeriesHistogram errors = request.errors() == null ? null
                : new SeriesHistogram(buckets.starts(), Map.of(), Map.of());
        PercentileSeries durations = request.durations() == null ? null
                : new PercentileSeries(durationBuckets.starts(), request.durations().percents().clone(), Map.of());
        Map<String, TopValues> tops = new LinkedHashMap<>();
        request.topFields().forEach(f -> tops.put(f, new TopValues(List.of(), 0, 0)));
        return new OverviewData(buckets.starts(), new long[buckets.size()], 0, splits, errors, durations, tops);
    }

    private boolean isErrorSplit(String field) {
        return request.errors() != null && field.equals(request.errors().splitField());
    }

    private Query errorQuery() {
        return EventQueries.termsOf(request.errors().field(), request.errors().values());
    }

    private static List<DateHistogramBucket> errorBuckets(Map<String, Aggregate> aggs) {
        return aggs.get(ERRORS).filter().aggregations().get(OVER_TIME).dateHistogram().buckets().array();
    }

    /** Errors per bucket of a range-wide split's histogram (its {@code errors} filter in each bucket). */
    private long[] errorCounts(List<DateHistogramBucket> histogram) {
        long[] errors = new long[buckets.size()];
        for (DateHistogramBucket b : histogram) {
            int i = buckets.index(b.key());
            if (i >= 0) {
                errors[i] = b.aggregations().get(ERRORS).filter().docCount();
            }
        }
        return errors;
    }

    private Aggregation durations(OverviewRequest.PercentileRequest d) {
        List<Double> percents = Arrays.stream(d.percents()).boxed().toList();
        // t-digest (Elasticsearch's default, compression 100): measured cheaper than HDR per bucket on nanosecond
        // durations, whose HDR histograms are large (bench/dashboard/RESULTS.md, decision 075)
        Aggregation percentiles = TDigestPercentiles.of(d.field(), percents);
        Aggregation overTime = durationBuckets.aggregation(Map.of(PERCENTILES, percentiles));
        Aggregation grouped = d.groupField() == null ? overTime : Aggregation.of(a -> a
                .terms(t -> t.field(d.groupField()).size(d.groups())).aggregations(OVER_TIME, overTime));
        return Aggregation.of(a -> a.filter(EventQueries.exists(d.field()))
                .aggregations(d.groupField() == null ? OVER_TIME : GROUPS, grouped));
    }

    private PercentileSeries durations(Aggregate aggregate) {
        OverviewRequest.PercentileRequest d = request.durations();
        Map<String, Aggregate> inside = aggregate.filter().aggregations();
        Map<String, double[][]> groups = new LinkedHashMap<>();
        if (d.groupField() == null) {
            double[][] rows = percentileRows(inside.get(OVER_TIME).dateHistogram().buckets().array(), d.percents());
            if (rows != null) {
                groups.put(EventAnalytics.ALL, rows);
            }
        } else {
            for (StringTermsBucket bucket : inside.get(GROUPS).sterms().buckets().array()) {
                double[][] rows = percentileRows(bucket.aggregations().get(OVER_TIME).dateHistogram().buckets()
                        .array(), d.percents());
                if (rows != null) {
                    groups.put(bucket.key().stringValue(), rows);
                }
            }
        }
        return new PercentileSeries(durationBuckets.starts(), d.percents().clone(), groups);
    }

    /** One row per bucket, one value per percent; null when no bucket has a value. */
    private double[][] percentileRows(List<DateHistogramBucket> histogram, double[] percents) {
        double[][] rows = new double[durationBuckets.size()][percents.length];
        for (double[] row : rows) {
            Arrays.fill(row, Double.NaN);
        }
        boolean any = false;
        for (DateHistogramBucket b : histogram) {
            int index = durationBuckets.index(b.key());
            if (index < 0 || b.docCount() == 0) {
                continue;
            }
            any = true;
            var items = b.aggregations().get(PERCENTILES).tdigestPercentiles().values().array();
            for (int p = 0; p < items.size() && p < percents.length; p++) {
                Double value = items.get(p).value();
                rows[index][p] = value == null ? Double.NaN : value;
            }
        }
        return any ? rows : null;
    }

    private static TopValues top(StringTermsAggregate terms, long total) {
        List<KeyCount> values = new ArrayList<>();
        long listed = 0;
        for (StringTermsBucket b : terms.buckets().array()) {
            values.add(new KeyCount(b.key().stringValue(), b.docCount()));
            listed += b.docCount();
        }
        long others = terms.sumOtherDocCount() == null ? 0 : terms.sumOtherDocCount();
        return new TopValues(values, others, Math.max(0, total - listed - others));
    }
}
