package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.JobCounts;
import io.logwarden.storage.JobRunRecord;
import io.logwarden.storage.OverviewData;
import io.logwarden.storage.OverviewRequest;
import io.logwarden.storage.PercentileSeries;
import io.logwarden.storage.PeriodCounts;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.SeriesHistogram;
import io.logwarden.storage.TopValues;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The analytics port on Elasticsearch. The per-chart methods are small {@link OverviewRequest}s, so every chart is
 * computed the same way whether it comes alone (API, tests) or with the whole overview in one search.
 */
@Service
class ElasticsearchEventAnalytics implements EventAnalytics {

    private static final String PERIOD = "p";
    private static final String SPLIT = "split";
    private static final String DISTINCT = "distinct";
    /** Values of the split field counted per period (log levels: a handful). */
    private static final int PERIOD_SPLIT_SIZE = 50;

    private final ElasticsearchClient client;
    private final AnalyticsSearch search;
    private final JobAggregations jobs;

    ElasticsearchEventAnalytics(ElasticsearchClient client) {
        this.client = client;
        this.search = new AnalyticsSearch(client);
        this.jobs = new JobAggregations(search);
    }

    @Override
    public SeriesHistogram countOverTime(EventSelection query, Duration interval, String splitField, int maxSeries) {
        OverviewData data = overview(new OverviewRequest(query, interval, maxSeries,
                splitField == null ? List.of() : List.of(splitField), null, null, List.of(), 0));
        if (splitField == null) {
            Map<String, long[]> all = Map.of(ALL, data.totals());
            return new SeriesHistogram(data.starts(), all, all);
        }
        return data.splits().get(splitField);
    }

    @Override
    public SeriesHistogram matchingOverTime(EventSelection query, Duration interval, String splitField, int maxSeries,
                                            String field, List<String> values) {
        return overview(new OverviewRequest(query, interval, maxSeries, List.of(splitField),
                new OverviewRequest.ErrorRequest(splitField, field, values), null, List.of(), 0)).errors();
    }

    @Override
    public PercentileSeries percentilesOverTime(EventSelection query, Duration interval, String groupField,
                                                int maxGroups, String field, double... percents) {
        return overview(new OverviewRequest(query, interval, 1, List.of(), null,
                new OverviewRequest.PercentileRequest(field, groupField, maxGroups, interval, percents), List.of(), 0))
                .durations();
    }

    @Override
    public TopValues topValues(EventSelection query, String field, int size) {
        return overview(new OverviewRequest(query, Duration.ofDays(30), 1, List.of(), null, null, List.of(field),
                size)).tops().get(field);
    }

    @Override
    public OverviewData overview(OverviewRequest request) {
        OverviewAggregations aggregations = new OverviewAggregations(request);
        Query query = EventQueries.of(request.selection());
        AnalyticsSearch.Result result = search.run(query, aggregations.build(), true);
        List<Integer> overflowing = aggregations.overflowingSplits(result.aggregations());
        Map<String, Aggregate> rangeWide = overflowing.isEmpty() ? Map.of()
                : search.run(query, aggregations.rangeWideSplits(overflowing), false).aggregations();
        return aggregations.read(result.total(), result.aggregations(), rangeWide);
    }

    @Override
    public long count(EventSelection query) {
        return search.run(EventQueries.of(query), Map.of(), true).total();
    }

    @Override
    public List<PeriodCounts> periodCounts(EventSelection query, List<Instant> boundaries, String splitField,
                                           String distinctField) {
        if (boundaries.size() < 2) {
            throw new IllegalArgumentException("Periods need a start and an end: " + boundaries);
        }
        Map<String, Query> periods = new LinkedHashMap<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            Instant from = boundaries.get(i);
            Instant to = boundaries.get(i + 1);
            periods.put(PERIOD + i, Query.of(q -> q.range(r -> r.date(d -> d.field(EventQueries.TIMESTAMP)
                    .gte(from.toString()).lt(to.toString())))));
        }
        Map<String, Aggregation> perPeriod = new LinkedHashMap<>();
        perPeriod.put(SPLIT, Aggregation.of(a -> a.terms(t -> t.field(splitField).size(PERIOD_SPLIT_SIZE))));
        if (distinctField != null) {
            perPeriod.put(DISTINCT, Aggregation.of(a -> a.cardinality(c -> c.field(distinctField))));
        }
        Map<String, Aggregation> aggs = Map.of(PERIOD, Aggregation.of(a -> a
                .filters(f -> f.filters(b -> b.keyed(periods))).aggregations(perPeriod)));
        EventSelection all = query.withRange(boundaries.getFirst(), boundaries.getLast());
        Map<String, Aggregate> result = search.run(EventQueries.of(all), aggs, false).aggregations();
        Map<String, FiltersBucket> buckets = result.containsKey(PERIOD)
                ? result.get(PERIOD).filters().buckets().keyed() : Map.of();
        List<PeriodCounts> counts = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            FiltersBucket bucket = buckets.get(PERIOD + i);
            Map<String, Long> byValue = new LinkedHashMap<>();
            long distinct = 0;
            long total = 0;
            if (bucket != null) {
                total = bucket.docCount();
                bucket.aggregations().get(SPLIT).sterms().buckets().array()
                        .forEach(b -> byValue.put(b.key().stringValue(), b.docCount()));
                distinct = distinctField == null ? 0 : bucket.aggregations().get(DISTINCT).cardinality().value();
            }
            counts.add(new PeriodCounts(boundaries.get(i), boundaries.get(i + 1), total, byValue, distinct));
        }
        return counts;
    }

    @Override
    public JobCounts jobCounts(EventSelection query, int maxNames, List<String> finishedStates, double... percents) {
        return jobs.counts(query, maxNames, finishedStates, percents);
    }

    @Override
    public Map<String, Long> jobRunsOver(EventSelection query, Map<String, Long> limitsNs, List<String> states) {
        return jobs.runsOver(query, limitsNs, states);
    }

    @Override
    public List<JobRunRecord> jobRuns(EventSelection query, int offset, int limit) {
        return jobs.runs(query, offset, limit);
    }

    @Override
    public long countJobRuns(EventSelection query) {
        return jobs.countRuns(query);
    }

    @Override
    public Map<String, Instant> jobRunStarts(ScopeFilter scope, Collection<String> jobIds, Instant before) {
        return jobs.starts(scope, jobIds, before);
    }

    @Override
    public Optional<Instant> newest(String dateField) {
        try {
            SearchResponse<Void> response = client.search(s -> s.index(IndexNames.EVENTS_ALIAS)
                    .ignoreUnavailable(true).allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false))
                    .aggregations("newest", a -> a.max(m -> m.field(dateField))), Void.class);
            Aggregate newest = response.aggregations().get("newest");
            double value = newest == null ? Double.NaN : newest.max().value();
            return Double.isFinite(value) && value > 0 ? Optional.of(Instant.ofEpochMilli((long) value))
                    : Optional.empty();
        } catch (ElasticsearchException e) {
            throw AnalyticsSearch.translate(e);
        } catch (IOException e) {
            throw AnalyticsSearch.unavailable(e);
        }
    }
}
