package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.FieldAndFormat;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.NamedValue;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.JobCounts;
import io.logwarden.storage.JobNameCounts;
import io.logwarden.storage.JobRunRecord;
import io.logwarden.storage.ScopeFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job statistics counted by Elasticsearch ({@code job.*} events): per job name, distinct runs, events per state and
 * duration percentiles of finished runs; runs listed a page at a time, newest first ({@code terms} on {@code job.id}
 * ordered by the latest event); and the real start of runs that began before a range.
 */
final class JobAggregations {

    /** {@code cardinality}'s most exact setting: exact up to this many distinct values. */
    static final int PRECISION = 40_000;
    /** Deepest position of the run list ({@code terms} must return every run before the page). */
    static final int MAX_RUN_POSITION = 10_000;
    private static final String JOB_ID = "job.id";
    private static final String JOB_NAME = "job.name";
    private static final String JOB_STATE = "job.state";
    private static final String DURATION = "event.duration";
    private static final int MAX_STATES = 20;

    private final AnalyticsSearch search;

    JobAggregations(AnalyticsSearch search) {
        this.search = search;
    }

    JobCounts counts(EventSelection selection, int maxNames, List<String> finishedStates, double... percents) {
        List<Double> asked = Arrays.stream(percents).boxed().toList();
        Map<String, Aggregation> perName = new LinkedHashMap<>();
        perName.put("runs", Aggregation.of(a -> a.cardinality(c -> c.field(JOB_ID).precisionThreshold(PRECISION))));
        perName.put("states", Aggregation.of(a -> a.terms(t -> t.field(JOB_STATE).size(MAX_STATES))));
        perName.put("finished", Aggregation.of(a -> a.filter(f -> f.bool(b -> b
                        .filter(EventQueries.termsOf(JOB_STATE, finishedStates))
                        .filter(EventQueries.exists(DURATION))))
                .aggregations("pct", TDigestPercentiles.of(DURATION, asked))
                .aggregations("max", m -> m.max(x -> x.field(DURATION)))));
        Map<String, Aggregation> aggs = Map.of(
                "names", Aggregation.of(a -> a.terms(t -> t.field(JOB_NAME).size(maxNames)).aggregations(perName)),
                "name_count", Aggregation.of(a -> a.cardinality(c -> c.field(JOB_NAME).precisionThreshold(PRECISION))));
        Map<String, Aggregate> result = search.run(jobEvents(selection), aggs, false).aggregations();
        if (!result.containsKey("names")) {
            return new JobCounts(List.of(), 0, 0);
        }
        List<JobNameCounts> jobs = new ArrayList<>();
        var names = result.get("names").sterms();
        for (StringTermsBucket bucket : names.buckets().array()) {
            Map<String, Aggregate> sub = bucket.aggregations();
            Map<String, Long> states = new LinkedHashMap<>();
            sub.get("states").sterms().buckets().array().forEach(s -> states.put(s.key().stringValue(), s.docCount()));
            var finished = sub.get("finished").filter();
            double[] values = new double[percents.length];
            Arrays.fill(values, Double.NaN);
            if (finished.docCount() > 0) {
                var items = finished.aggregations().get("pct").tdigestPercentiles().values().array();
                for (int p = 0; p < items.size() && p < values.length; p++) {
                    Double value = items.get(p).value();
                    values[p] = value == null ? Double.NaN : value;
                }
            }
            double max = finished.docCount() > 0 ? finished.aggregations().get("max").max().value() : Double.NaN;
            jobs.add(new JobNameCounts(bucket.key().stringValue(), sub.get("runs").cardinality().value(), states,
                    finished.docCount(), values, max));
        }
        jobs.sort(Comparator.comparingLong(JobNameCounts::runs).reversed().thenComparing(JobNameCounts::jobName));
        long left = names.sumOtherDocCount() == null ? 0 : names.sumOtherDocCount();
        return new JobCounts(jobs, result.get("name_count").cardinality().value(), left);
    }

    Map<String, Long> runsOver(EventSelection selection, Map<String, Long> limitsNs, List<String> states) {
        if (limitsNs.isEmpty()) {
            return Map.of();
        }
        Map<String, Query> filters = new LinkedHashMap<>();
        int i = 0;
        List<String> names = new ArrayList<>(limitsNs.keySet());
        for (String name : names) {
            long limit = limitsNs.get(name);
            filters.put("j" + i++, Query.of(q -> q.bool(b -> b
                    .filter(f -> f.term(t -> t.field(JOB_NAME).value(name)))
                    .filter(EventQueries.termsOf(JOB_STATE, states))
                    .filter(f -> f.range(r -> r.number(n -> n.field(DURATION).gt((double) limit)))))));
        }
        Map<String, Aggregate> result = search.run(jobEvents(selection), Map.of("over", Aggregation.of(a -> a
                .filters(f -> f.filters(b -> b.keyed(filters))))), false).aggregations();
        Map<String, Long> over = new LinkedHashMap<>();
        Map<String, FiltersBucket> buckets = result.containsKey("over") ? result.get("over").filters().buckets().keyed()
                : Map.of();
        for (int n = 0; n < names.size(); n++) {
            FiltersBucket bucket = buckets.get("j" + n);
            over.put(names.get(n), bucket == null ? 0 : bucket.docCount());
        }
        return over;
    }

    /**
     * Two searches: the ids of the page (a light {@code terms} ordered by the latest event, holding only a
     * {@code max} per run; this distribution has no {@code bucket_sort} to cut the page in Elasticsearch), then the
     * details of just those runs.
     */
    List<JobRunRecord> runs(EventSelection selection, int offset, int limit) {
        if (offset < 0 || limit < 1 || offset + limit > MAX_RUN_POSITION) {
            throw new IllegalArgumentException("Runs are listed up to position " + MAX_RUN_POSITION + ": offset "
                    + offset + ", limit " + limit);
        }
        Map<String, Aggregate> order = search.run(jobEvents(selection), Map.of("runs", Aggregation.of(a -> a
                .terms(t -> t.field(JOB_ID).size(offset + limit).order(NamedValue.of("last", SortOrder.Desc)))
                .aggregations("last", l -> l.max(m -> m.field(EventQueries.TIMESTAMP))))), false).aggregations();
        if (!order.containsKey("runs")) {
            return List.of();
        }
        List<StringTermsBucket> ordered = order.get("runs").sterms().buckets().array();
        List<String> ids = ordered.subList(Math.min(offset, ordered.size()), ordered.size()).stream()
                .map(b -> b.key().stringValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
        Query page = Query.of(q -> q.bool(b -> b.must(jobEvents(selection))
                .filter(f -> f.terms(t -> t.field(JOB_ID).terms(v -> v.value(values))))));
        Map<String, Aggregate> details = search.run(page, Map.of("runs", Aggregation.of(a -> a
                .terms(t -> t.field(JOB_ID).size(ids.size()))
                .aggregations("last", l -> l.max(m -> m.field(EventQueries.TIMESTAMP)))
                .aggregations("first", f -> f.min(m -> m.field(EventQueries.TIMESTAMP)))
                .aggregations("latest", l -> l.topHits(h -> h.size(1)
                        .sort(s -> s.field(f -> f.field(EventQueries.TIMESTAMP).order(SortOrder.Desc)))
                        .source(src -> src.fetch(false))
                        .docvalueFields(field(JOB_NAME), field(JOB_STATE), field(DURATION),
                                field("service.name")))))), false).aggregations();
        Map<String, JobRunRecord> byId = new LinkedHashMap<>();
        for (StringTermsBucket bucket : details.get("runs").sterms().buckets().array()) {
            Hit<JsonData> latest = bucket.aggregations().get("latest").topHits().hits().hits().getFirst();
            Map<String, JsonData> fields = latest.fields();
            String duration = firstValue(fields, DURATION);
            byId.put(bucket.key().stringValue(), new JobRunRecord(bucket.key().stringValue(),
                    firstValue(fields, JOB_NAME), firstValue(fields, "service.name"),
                    Instant.ofEpochMilli((long) bucket.aggregations().get("first").min().value()),
                    Instant.ofEpochMilli((long) bucket.aggregations().get("last").max().value()),
                    firstValue(fields, JOB_STATE), duration == null ? null : Long.valueOf(duration)));
        }
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    long countRuns(EventSelection selection) {
        Map<String, Aggregate> result = search.run(jobEvents(selection), Map.of("runs", Aggregation.of(a -> a
                .cardinality(c -> c.field(JOB_ID).precisionThreshold(PRECISION)))), false).aggregations();
        return result.containsKey("runs") ? result.get("runs").cardinality().value() : 0;
    }

    Map<String, Instant> starts(ScopeFilter scope, Collection<String> jobIds, Instant before) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        List<FieldValue> ids = jobIds.stream().distinct().map(FieldValue::of).toList();
        Query query = ScopedQueries.wrap(Query.of(q -> q.bool(b -> b
                .filter(f -> f.terms(t -> t.field(JOB_ID).terms(v -> v.value(ids))))
                .filter(f -> f.range(r -> r.date(d -> d.field(EventQueries.TIMESTAMP).lt(before.toString())))))),
                scope);
        Map<String, Aggregate> result = search.run(query, Map.of("runs", Aggregation.of(a -> a
                .terms(t -> t.field(JOB_ID).size(ids.size()))
                .aggregations("first", f -> f.min(m -> m.field(EventQueries.TIMESTAMP))))), false).aggregations();
        Map<String, Instant> starts = new LinkedHashMap<>();
        if (result.containsKey("runs")) {
            for (StringTermsBucket bucket : result.get("runs").sterms().buckets().array()) {
                starts.put(bucket.key().stringValue(),
                        Instant.ofEpochMilli((long) bucket.aggregations().get("first").min().value()));
            }
        }
        return starts;
    }

    /** The selection, restricted to events of a job run. */
    private static Query jobEvents(EventSelection selection) {
        return Query.of(q -> q.bool(b -> b.must(EventQueries.of(selection)).filter(EventQueries.exists(JOB_ID))));
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
}
