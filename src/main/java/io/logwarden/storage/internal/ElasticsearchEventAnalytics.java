package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.NamedValue;
import co.elastic.clients.elasticsearch._types.query_dsl.FieldAndFormat;
import io.logwarden.storage.CountSummary;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.JobRunRecord;
import io.logwarden.storage.KeyCount;
import io.logwarden.storage.PercentileSeries;
import io.logwarden.storage.SeriesHistogram;
import io.logwarden.storage.StorageUnavailableException;
import io.logwarden.storage.TopValues;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchEventAnalytics implements EventAnalytics {

    private static final String OVER_TIME = "over_time";
    private static final String SPLIT = "split";
    private static final String MISSING_AGG = "missing";
    private static final String MATCH = "match";
    private static final String PERCENTILES = "pct";

    private final ElasticsearchClient client;

    ElasticsearchEventAnalytics(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public SeriesHistogram countOverTime(EventSelection query, Duration interval, String splitField, int maxSeries) {
        Buckets buckets = Buckets.of(query, interval);
        Map<String, Aggregate> aggs = search(query, splitAggs(splitField, maxSeries, histogram(query, interval, Map.of())));
        Map<String, long[]> series = new LinkedHashMap<>();
        forEachSeries(aggs, splitField, (name, histogram) -> {
            long[] counts = new long[buckets.size()];
            for (DateHistogramBucket b : histogram) {
                buckets.index(b.key()).ifPresent(i -> counts[i] = b.docCount());
            }
            if (splitField == null || Arrays.stream(counts).anyMatch(c -> c > 0)) {
                series.put(name, counts);
            }
        });
        return new SeriesHistogram(buckets.starts(), series, series);
    }

    @Override
    public SeriesHistogram matchingOverTime(EventSelection query, Duration interval, String splitField, int maxSeries,
                                            String field, List<String> values) {
        Buckets buckets = Buckets.of(query, interval);
        Aggregation histogram = histogram(query, interval,
                Map.of(MATCH, Aggregation.of(a -> a.filter(EventQueries.termsOf(field, values)))));
        Map<String, Aggregate> aggs = search(query, splitAggs(splitField, maxSeries, histogram));
        Map<String, long[]> matching = new LinkedHashMap<>();
        Map<String, long[]> totals = new LinkedHashMap<>();
        forEachSeries(aggs, splitField, (name, histogramBuckets) -> {
            long[] match = new long[buckets.size()];
            long[] total = new long[buckets.size()];
            for (DateHistogramBucket b : histogramBuckets) {
                buckets.index(b.key()).ifPresent(i -> {
                    total[i] = b.docCount();
                    match[i] = b.aggregations().get(MATCH).filter().docCount();
                });
            }
            if (splitField == null || Arrays.stream(total).anyMatch(c -> c > 0)) {
                matching.put(name, match);
                totals.put(name, total);
            }
        });
        return new SeriesHistogram(buckets.starts(), matching, totals);
    }

    @Override
    public PercentileSeries percentilesOverTime(EventSelection query, Duration interval, String groupField,
                                                int maxGroups, String field, double... percents) {
        Buckets buckets = Buckets.of(query, interval);
        List<Double> asked = Arrays.stream(percents).boxed().toList();
        Aggregation histogram = histogram(query, interval, Map.of(PERCENTILES, Aggregation.of(a -> a
                .percentiles(p -> p.field(field).percents(asked).keyed(false)))));
        Map<String, Aggregate> aggs = search(query.and(field + ":*"), splitAggs(groupField, maxGroups, histogram));
        Map<String, double[][]> groups = new LinkedHashMap<>();
        forEachSeries(aggs, groupField, (name, histogramBuckets) -> {
            double[][] rows = new double[buckets.size()][percents.length];
            for (double[] row : rows) {
                Arrays.fill(row, Double.NaN);
            }
            boolean any = false;
            for (DateHistogramBucket b : histogramBuckets) {
                var index = buckets.index(b.key());
                if (index.isEmpty() || b.docCount() == 0) {
                    continue;
                }
                any = true;
                var items = b.aggregations().get(PERCENTILES).tdigestPercentiles().values().array();
                for (int p = 0; p < items.size() && p < percents.length; p++) {
                    Double value = items.get(p).value();
                    rows[index.get()][p] = value == null ? Double.NaN : value;
                }
            }
            if (any) {
                groups.put(name, rows);
            }
        });
        return new PercentileSeries(buckets.starts(), percents.clone(), groups);
    }

    @Override
    public TopValues topValues(EventSelection query, String field, int size) {
        Map<String, Aggregate> aggs = search(query, Map.of(
                SPLIT, Aggregation.of(a -> a.terms(t -> t.field(field).size(size))),
                MISSING_AGG, Aggregation.of(a -> a.missing(m -> m.field(field)))));
        var terms = aggs.get(SPLIT).sterms();
        List<KeyCount> values = terms.buckets().array().stream()
                .map(b -> new KeyCount(b.key().stringValue(), b.docCount())).toList();
        Long others = terms.sumOtherDocCount();
        return new TopValues(values, others == null ? 0 : others, aggs.get(MISSING_AGG).missing().docCount());
    }

    @Override
    public CountSummary summary(EventSelection query, Map<String, String> namedQueries, String distinctField) {
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("total", Aggregation.of(a -> a.valueCount(v -> v.field(EventQueries.TIMESTAMP))));
        namedQueries.forEach((name, lucene) -> aggs.put("n_" + name,
                Aggregation.of(a -> a.filter(EventQueries.lucene(lucene)))));
        if (distinctField != null) {
            aggs.put("distinct", Aggregation.of(a -> a.cardinality(c -> c.field(distinctField))));
        }
        Map<String, Aggregate> result = search(query, aggs);
        Map<String, Long> named = new LinkedHashMap<>();
        namedQueries.keySet().forEach(name -> named.put(name, result.get("n_" + name).filter().docCount()));
        long distinct = distinctField == null ? 0 : result.get("distinct").cardinality().value();
        return new CountSummary((long) result.get("total").valueCount().value(), named, distinct);
    }

    @Override
    public List<JobRunRecord> jobRuns(EventSelection query, int max) {
        Map<String, Aggregate> aggs = search(query.and("job.id:*"), Map.of(SPLIT, Aggregation.of(a -> a
                .terms(t -> t.field("job.id").size(max).order(NamedValue.of("last", SortOrder.Desc)))
                .aggregations("last", l -> l.max(m -> m.field(EventQueries.TIMESTAMP)))
                .aggregations("first", f -> f.min(m -> m.field(EventQueries.TIMESTAMP)))
                .aggregations("latest", l -> l.topHits(h -> h.size(1)
                        .sort(s -> s.field(f -> f.field(EventQueries.TIMESTAMP).order(SortOrder.Desc)))
                        .source(src -> src.fetch(false))
                        .docvalueFields(field("job.name"), field("job.state"), field("event.duration"),
                                field("service.name")))))));
        List<JobRunRecord> runs = new ArrayList<>();
        for (StringTermsBucket bucket : aggs.get(SPLIT).sterms().buckets().array()) {
            Hit<JsonData> latest = bucket.aggregations().get("latest").topHits().hits().hits().getFirst();
            Map<String, JsonData> fields = latest.fields();
            String durationText = firstValue(fields, "event.duration");
            runs.add(new JobRunRecord(bucket.key().stringValue(), firstValue(fields, "job.name"),
                    firstValue(fields, "service.name"),
                    Instant.ofEpochMilli((long) bucket.aggregations().get("first").min().value()),
                    Instant.ofEpochMilli((long) bucket.aggregations().get("last").max().value()),
                    firstValue(fields, "job.state"),
                    durationText == null ? null : Long.valueOf(durationText), bucket.docCount()));
        }
        return runs;
    }

    @Override
    public Optional<Instant> newest(String dateField) {
        try {
            SearchResponse<Void> response = client.search(s -> s.index(IndexNames.EVENTS_ALIAS)
                    .ignoreUnavailable(true).allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false))
                    .aggregations("newest", a -> a.max(m -> m.field(dateField))), Void.class);
            double value = response.aggregations().get("newest").max().value();
            return Double.isFinite(value) && value > 0 ? Optional.of(Instant.ofEpochMilli((long) value))
                    : Optional.empty();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static FieldAndFormat field(String name) {
        return FieldAndFormat.of(f -> f.field(name));
    }

    private static String firstValue(Map<String, JsonData> fields, String name) {
        JsonData data = fields == null ? null : fields.get(name);
        if (data == null) {
            return null;
        }
        List<?> values = data.to(List.class);
        return values.isEmpty() || values.getFirst() == null ? null : String.valueOf(values.getFirst());
    }

    private Map<String, Aggregate> search(EventSelection query, Map<String, Aggregation> aggregations) {
        try {
            SearchRequest request = SearchRequest.of(s -> s.index(IndexNames.EVENTS_ALIAS)
                    .ignoreUnavailable(true).allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false))
                    .query(EventQueries.of(query)).aggregations(aggregations));
            SearchResponse<Void> response = client.search(request, Void.class);
            return response.aggregations();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Aggregating events failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }

    private static Aggregation histogram(EventSelection query, Duration interval, Map<String, Aggregation> subs) {
        Buckets buckets = Buckets.of(query, interval);
        return Aggregation.of(a -> a.dateHistogram(h -> h.field(EventQueries.TIMESTAMP)
                        .fixedInterval(f -> f.time(interval.toSeconds() + "s"))
                        .minDocCount(0)
                        .extendedBounds(b -> b.min(FieldDateMath.of(m -> m.value((double) buckets.first())))
                                .max(FieldDateMath.of(m -> m.value((double) query.to().minusMillis(1).toEpochMilli())))))
                .aggregations(subs));
    }

    /** The histogram at top level (no split) or under a terms aggregation plus a missing aggregation. */
    private static Map<String, Aggregation> splitAggs(String splitField, int maxSeries, Aggregation histogram) {
        if (splitField == null) {
            return Map.of(OVER_TIME, histogram);
        }
        return Map.of(
                SPLIT, Aggregation.of(a -> a.terms(t -> t.field(splitField).size(maxSeries))
                        .aggregations(OVER_TIME, histogram)),
                MISSING_AGG, Aggregation.of(a -> a.missing(m -> m.field(splitField))
                        .aggregations(OVER_TIME, histogram)));
    }

    private interface SeriesConsumer {
        void accept(String name, List<DateHistogramBucket> buckets);
    }

    private static void forEachSeries(Map<String, Aggregate> aggs, String splitField, SeriesConsumer consumer) {
        Function<Map<String, Aggregate>, List<DateHistogramBucket>> histogramOf =
                sub -> sub.get(OVER_TIME).dateHistogram().buckets().array();
        if (splitField == null) {
            consumer.accept(ALL, histogramOf.apply(aggs));
            return;
        }
        for (StringTermsBucket bucket : aggs.get(SPLIT).sterms().buckets().array()) {
            consumer.accept(bucket.key().stringValue(), histogramOf.apply(bucket.aggregations()));
        }
        var missing = aggs.get(MISSING_AGG).missing();
        if (missing.docCount() > 0) {
            consumer.accept(MISSING, histogramOf.apply(missing.aggregations()));
        }
    }

    /** Bucket starts of a range: aligned to the interval from the epoch, as Elasticsearch's fixed interval is. */
    private record Buckets(long first, long step, int size) {

        static Buckets of(EventSelection query, Duration interval) {
            long step = interval.toMillis();
            long from = query.from().toEpochMilli();
            long first = Math.floorDiv(from, step) * step;
            long end = query.to().toEpochMilli();
            int size = (int) ((end - first + step - 1) / step);
            return new Buckets(first, step, size);
        }

        Optional<Integer> index(long key) {
            long i = (key - first) / step;
            return key < first || i >= size ? Optional.empty() : Optional.of((int) i);
        }

        List<Instant> starts() {
            List<Instant> starts = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                starts.add(Instant.ofEpochMilli(first + i * step));
            }
            return starts;
        }
    }
}
