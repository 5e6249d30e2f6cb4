package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.Percentiles;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.logwarden.storage.AnomalyFeatureQueries;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/** Feature extraction by composite aggregations over the events alias, paged by {@code after_key}. */
@Service
class ElasticsearchAnomalyFeatureQueries implements AnomalyFeatureQueries {

    private static final int PAGE = 1000;
    private static final String SERIES = "series";

    private final ElasticsearchClient client;

    ElasticsearchAnomalyFeatureQueries(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<ServiceWindow> serviceWindows(Instant from, Instant to, Duration window, int maxSeries) {
        Map<String, Aggregation> subs = new LinkedHashMap<>();
        subs.put("errors", Aggregation.of(a -> a.filter(errorQuery())));
        subs.put("timed", Aggregation.of(a -> a.valueCount(v -> v.field("event.duration"))));
        subs.put("p95", p95());
        subs.put("users", Aggregation.of(a -> a.cardinality(c -> c.field("user.id"))));
        List<ServiceWindow> out = new ArrayList<>();
        composite(from, to, null, sources("service", "service.name", window), subs, maxSeries, b -> out.add(
                new ServiceWindow(b.key().get("service").stringValue(), start(b), b.docCount(),
                        b.aggregations().get("errors").filter().docCount(), p95Millis(b),
                        b.aggregations().get("users").cardinality().value())));
        return out;
    }

    @Override
    public List<ActionWindow> actionWindows(Instant from, Instant to, Duration window, int maxSeries) {
        List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
        sources.add(Map.of("service", terms("service.name")));
        sources.add(Map.of("action", terms("event.action")));
        sources.add(Map.of("window", histogram(window)));
        Map<String, Aggregation> subs = new LinkedHashMap<>();
        subs.put("timed", Aggregation.of(a -> a.valueCount(v -> v.field("event.duration"))));
        subs.put("p95", p95());
        List<ActionWindow> out = new ArrayList<>();
        Query timed = Query.of(q -> q.exists(e -> e.field("event.duration")));
        composite(from, to, timed, sources, subs, maxSeries, b -> out.add(new ActionWindow(
                b.key().get("service").stringValue(), b.key().get("action").stringValue(), start(b), b.docCount(),
                p95Millis(b))));
        return out;
    }

    @Override
    public List<HostWindow> hostWindows(Instant from, Instant to, Duration window, int maxSeries) {
        List<HostWindow> out = new ArrayList<>();
        composite(from, to, null, sources("host", "host.name", window), Map.of(), maxSeries, b -> out.add(
                new HostWindow(b.key().get("host").stringValue(), start(b), b.docCount())));
        return out;
    }

    @Override
    public List<JobRun> jobRuns(Instant from, Instant to, int maxRuns) {
        List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
        sources.add(Map.of("name", terms("job.name")));
        sources.add(Map.of("id", terms("job.id")));
        Map<String, Aggregation> subs = new LinkedHashMap<>();
        subs.put("started", Aggregation.of(a -> a.filter(f -> f.term(t -> t.field("job.state").value("started")))
                .aggregations("at", x -> x.min(m -> m.field("@timestamp")))));
        subs.put("finished", Aggregation.of(a -> a.filter(f -> f.terms(t -> t.field("job.state").terms(v -> v.value(
                        List.of(FieldValue.of("succeeded"), FieldValue.of("failed"), FieldValue.of("canceled"))))))
                .aggregations("at", x -> x.max(m -> m.field("@timestamp")))));
        subs.put("heartbeats", Aggregation.of(a -> a.filter(f -> f.term(t -> t.field("job.state").value("heartbeat")))));
        subs.put("last", Aggregation.of(a -> a.max(m -> m.field("@timestamp"))));
        List<JobRun> out = new ArrayList<>();
        Query jobs = Query.of(q -> q.exists(e -> e.field("job.id")));
        composite(from, to, jobs, sources, subs, maxRuns, b -> {
            var started = b.aggregations().get("started").filter();
            var finished = b.aggregations().get("finished").filter();
            out.add(new JobRun(b.key().get("name").stringValue(), b.key().get("id").stringValue(),
                    started.docCount() > 0 ? millis(started.aggregations().get("at").min().value()) : null,
                    millis(b.aggregations().get("last").max().value()),
                    finished.docCount() > 0 ? millis(finished.aggregations().get("at").max().value()) : null,
                    b.aggregations().get("heartbeats").filter().docCount()));
        });
        return out;
    }

    private void composite(Instant from, Instant to, Query extra, List<Map<String, CompositeAggregationSource>> sources,
                           Map<String, Aggregation> subs, int max, Consumer<CompositeBucket> sink) {
        Map<String, FieldValue> after = null;
        int seen = 0;
        Query range = Query.of(q -> q.range(r -> r.date(d -> d.field("@timestamp")
                .gte(from.toString()).lt(to.toString()))));
        Query query = extra == null ? range : Query.of(q -> q.bool(b -> b.filter(range, extra)));
        try {
            do {
                Map<String, FieldValue> page = after;
                SearchResponse<Void> response = client.search(s -> s
                        .index(IndexNames.EVENTS_ALIAS)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(0)
                        .trackTotalHits(t -> t.enabled(false))
                        .query(query)
                        .aggregations(SERIES, a -> a.composite(c -> {
                            c.size(PAGE).sources(sources);
                            if (page != null) {
                                c.after(page);
                            }
                            return c;
                        }).aggregations(subs)), Void.class);
                Aggregate agg = response.aggregations() == null ? null : response.aggregations().get(SERIES);
                if (agg == null) {
                    return;
                }
                CompositeAggregate composite = agg.composite();
                for (CompositeBucket b : composite.buckets().array()) {
                    if (seen++ >= max) {
                        return;
                    }
                    sink.accept(b);
                }
                after = composite.buckets().array().size() < PAGE ? null : composite.afterKey();
            } while (after != null && !after.isEmpty());
        } catch (IOException e) {
            throw new StorageUnavailableException("Extracting anomaly features failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }

    private static List<Map<String, CompositeAggregationSource>> sources(String name, String field, Duration window) {
        List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
        sources.add(Map.of(name, terms(field)));
        sources.add(Map.of("window", histogram(window)));
        return sources;
    }

    private static CompositeAggregationSource terms(String field) {
        return CompositeAggregationSource.of(s -> s.terms(t -> t.field(field)));
    }

    private static CompositeAggregationSource histogram(Duration window) {
        return CompositeAggregationSource.of(s -> s.dateHistogram(h -> h.field("@timestamp")
                .fixedInterval(t -> t.time(window.toSeconds() + "s"))));
    }

    private static Query errorQuery() {
        return Query.of(q -> q.bool(b -> b
                .should(s -> s.terms(t -> t.field("log.level").terms(v -> v.value(
                        List.of(FieldValue.of("error"), FieldValue.of("critical"))))))
                .should(s -> s.term(t -> t.field("event.outcome").value("failure")))
                .minimumShouldMatch("1")));
    }

    private static Aggregation p95() {
        return Aggregation.of(a -> a.percentiles(p -> p.field("event.duration").percents(95.0).keyed(false)));
    }

    /** p95 of event.duration (nanoseconds) in milliseconds, NaN without durations. */
    private static double p95Millis(CompositeBucket b) {
        if (!(b.aggregations().get("timed").valueCount().value() > 0)) {
            return Double.NaN;
        }
        Percentiles values = b.aggregations().get("p95").tdigestPercentiles().values();
        if (values.isArray() && !values.array().isEmpty()) {
            return values.array().getFirst().value() / 1_000_000.0;
        }
        return Double.NaN;
    }

    private static Instant start(CompositeBucket b) {
        return Instant.ofEpochMilli(b.key().get("window").longValue());
    }

    private static Instant millis(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : Instant.ofEpochMilli(value.longValue());
    }
}
