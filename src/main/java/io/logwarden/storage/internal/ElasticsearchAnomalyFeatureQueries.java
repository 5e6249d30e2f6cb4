package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.aggregations.Percentiles;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.logwarden.storage.AnomalyFeatureQueries;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Feature extraction by composite aggregations over the events alias. The date histogram is the first composite
 * source, so buckets come window by window; one request covers a few windows (as many as fit one page at the last
 * seen number of series per window) with the service, action and host composites side by side, and only a composite
 * with more buckets than a page asks again with its {@code after_key}. Each request reads only its windows' events,
 * and memory holds only those windows' buckets.
 */
@Service
class ElasticsearchAnomalyFeatureQueries implements AnomalyFeatureQueries {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchAnomalyFeatureQueries.class);
    private static final String FAILED = "Extracting anomaly features failed";

    /**
     * Buckets per composite page. Every further page of a composite runs the query and reads the window's events
     * again, so a page holds a whole window's series up to 20,000 per kind; the three composites of one request stay
     * under Elasticsearch's default {@code search.max_buckets} (65,536).
     */
    static final int PAGE = 20_000;
    private static final int MAX_WINDOWS_PER_REQUEST = 288;
    private static final int PROBES_PER_REQUEST = 100;
    private static final String SERVICES = "services";
    private static final String ACTIONS = "actions";
    private static final String HOSTS = "hosts";

    private final ElasticsearchClient client;
    /**
     * Buckets of the busiest kind per window in the last request, to size the next one. Unknown at first: the first
     * request covers one window (a guess of one bucket made it cover 288 windows, which at 100k series took a page
     * per 20,000 buckets, each reading all 288 windows' events).
     */
    private volatile int bucketsPerWindow;
    private final int pageSize;

    @Autowired
    ElasticsearchAnomalyFeatureQueries(ElasticsearchClient client) {
        this(client, PAGE);
    }

    /** With another page size: tests make small pages to exercise paging. */
    ElasticsearchAnomalyFeatureQueries(ElasticsearchClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
        this.bucketsPerWindow = pageSize;
    }

    @Override
    public void windows(Instant from, Instant to, Duration window, int maxSeriesPerWindow,
                        Consumer<WindowFeatures> sink) {
        long w = window.toMillis();
        Instant start = from;
        while (start.isBefore(to)) {
            // fewer than a page: a request that fills its page exactly asks once more for nothing
            long windows = Math.max(1, Math.min(MAX_WINDOWS_PER_REQUEST,
                    (pageSize - 1) / Math.max(1, bucketsPerWindow)));
            Instant end = Instant.ofEpochMilli(Math.min(to.toEpochMilli(), start.toEpochMilli() + windows * w));
            Chunk chunk = fetch(start, end, window);
            int busiest = 0;
            for (Instant s = start; s.isBefore(end); s = s.plus(window)) {
                long key = s.toEpochMilli();
                List<ServiceWindow> services = chunk.services.getOrDefault(key, List.of());
                List<ActionWindow> actions = chunk.actions.getOrDefault(key, List.of());
                List<HostWindow> hosts = chunk.hosts.getOrDefault(key, List.of());
                busiest = Math.max(busiest, Math.max(services.size(), Math.max(actions.size(), hosts.size())));
                int truncated = excess(services, maxSeriesPerWindow) + excess(actions, maxSeriesPerWindow)
                        + excess(hosts, maxSeriesPerWindow);
                sink.accept(new WindowFeatures(s, cap(services, maxSeriesPerWindow), cap(actions, maxSeriesPerWindow),
                        cap(hosts, maxSeriesPerWindow), truncated));
            }
            bucketsPerWindow = Math.max(1, busiest);
            start = end;
        }
    }

    private record Chunk(Map<Long, List<ServiceWindow>> services, Map<Long, List<ActionWindow>> actions,
                         Map<Long, List<HostWindow>> hosts) {
    }

    private Chunk fetch(Instant from, Instant to, Duration window) {
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put(SERVICES, composite(List.of(histogram(window), terms("service", "service.name")), serviceSubs(),
                null));
        aggs.put(ACTIONS, composite(List.of(histogram(window), terms("service", "service.name"),
                terms("action", "event.action")), actionSubs(), null));
        aggs.put(HOSTS, composite(List.of(histogram(window), terms("host", "host.name")), Map.of(), null));
        Chunk chunk = new Chunk(new HashMap<>(), new HashMap<>(), new HashMap<>());
        Query range = range("@timestamp", from, to);
        Map<String, Aggregate> first = search(range, aggs);
        Map<String, Map<String, FieldValue>> after = new LinkedHashMap<>();
        for (String name : List.of(SERVICES, ACTIONS, HOSTS)) {
            Page page = page(first, name, pageSize);
            collect(name, page.buckets(), chunk);
            if (page.after() != null) {
                after.put(name, page.after());
            }
        }
        // Only a kind with more buckets than one page asks again, alone, from where it stopped.
        for (Map.Entry<String, Map<String, FieldValue>> e : after.entrySet()) {
            String name = e.getKey();
            Map<String, FieldValue> key = e.getValue();
            while (key != null) {
                Aggregation next = switch (name) {
                    case SERVICES -> composite(List.of(histogram(window), terms("service", "service.name")),
                            serviceSubs(), key);
                    case ACTIONS -> composite(List.of(histogram(window), terms("service", "service.name"),
                            terms("action", "event.action")), actionSubs(), key);
                    default -> composite(List.of(histogram(window), terms("host", "host.name")), Map.of(), key);
                };
                Page page = page(search(afterKeyQuery(range, key, name, window, to), Map.of(name, next)), name,
                        pageSize);
                collect(name, page.buckets(), chunk);
                key = page.after();
            }
        }
        return chunk;
    }

    /**
     * The query of a further page: besides {@code range}, only events at or after its {@code after} key (later
     * windows, or the after key's window from its series name on), so a page does not read again the events of the
     * series already returned. The composite's after key still decides; this only leaves out events it would skip.
     */
    private static Query afterKeyQuery(Query range, Map<String, FieldValue> after, String name, Duration window,
                                       Instant to) {
        String field = HOSTS.equals(name) ? "host.name" : "service.name";
        String value = after.get(HOSTS.equals(name) ? "host" : "service").stringValue();
        Instant afterWindow = Instant.ofEpochMilli(after.get("window").longValue());
        Instant next = afterWindow.plus(window);
        Query sameWindow = Query.of(q -> q.bool(b -> b.filter(range("@timestamp", afterWindow, next))
                .filter(f -> f.range(r -> r.term(t -> t.field(field).gte(value))))));
        Query laterWindows = range("@timestamp", next, to);
        return Query.of(q -> q.bool(b -> b.filter(range)
                .filter(f -> f.bool(o -> o.should(sameWindow).should(laterWindows).minimumShouldMatch("1")))));
    }

    /** One page of a composite: its buckets and the key to continue from (null on the last page). */
    private record Page(List<CompositeBucket> buckets, Map<String, FieldValue> after) {
    }

    private static Page page(Map<String, Aggregate> aggregations, String name, int size) {
        Aggregate agg = aggregations.get(name);
        if (agg == null) {
            return new Page(List.of(), null); // no events index at all
        }
        CompositeAggregate c = agg.composite();
        List<CompositeBucket> buckets = c.buckets().array();
        boolean more = buckets.size() >= size && c.afterKey() != null && !c.afterKey().isEmpty();
        return new Page(buckets, more ? c.afterKey() : null);
    }

    private static void collect(String name, List<CompositeBucket> buckets, Chunk chunk) {
        for (CompositeBucket b : buckets) {
            long window = b.key().get("window").longValue();
            Instant start = Instant.ofEpochMilli(window);
            switch (name) {
                case SERVICES -> chunk.services.computeIfAbsent(window, k -> new ArrayList<>()).add(new ServiceWindow(
                        b.key().get("service").stringValue(), start, b.docCount(),
                        b.aggregations().get("errors").filter().docCount(), p95Millis(b),
                        b.aggregations().get("users").cardinality().value()));
                case ACTIONS -> {
                    if (b.aggregations().get("timed").valueCount().value() > 0) {
                        chunk.actions.computeIfAbsent(window, k -> new ArrayList<>()).add(new ActionWindow(
                                b.key().get("service").stringValue(), b.key().get("action").stringValue(), start,
                                (long) b.aggregations().get("timed").valueCount().value(), p95Millis(b)));
                    }
                }
                default -> chunk.hosts.computeIfAbsent(window, k -> new ArrayList<>()).add(new HostWindow(
                        b.key().get("host").stringValue(), start, b.docCount()));
            }
        }
    }

    private Map<String, Aggregate> search(Query query, Map<String, Aggregation> aggs) {
        long started = System.nanoTime();
        SearchResponse<Void> response = call(() -> client.search(s -> s
                .index(IndexNames.EVENTS_ALIAS)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(0)
                .trackTotalHits(t -> t.enabled(false))
                .query(query)
                .aggregations(aggs), Void.class));
        if (log.isDebugEnabled()) {
            log.debug("Feature search {}: {} ms in Elasticsearch, {} ms with transfer and parsing", aggs.keySet(),
                    response.took(), (System.nanoTime() - started) / 1_000_000);
        }
        return response.aggregations() == null ? Map.of() : response.aggregations();
    }

    @Override
    public List<JobActivity> jobActivity(Instant from, Instant to, int maxRuns) {
        Map<String, Aggregation> subs = new LinkedHashMap<>();
        subs.put("started", Aggregation.of(a -> a.filter(f -> f.term(t -> t.field("job.state").value("started")))
                .aggregations("at", x -> x.min(m -> m.field("@timestamp")))));
        subs.put("finished", Aggregation.of(a -> a.filter(f -> f.terms(t -> t.field("job.state").terms(v -> v.value(
                        List.of(FieldValue.of("succeeded"), FieldValue.of("failed"), FieldValue.of("canceled"))))))
                .aggregations("at", x -> x.max(m -> m.field("@timestamp")))));
        subs.put("heartbeats", Aggregation.of(a -> a.filter(f -> f.term(t -> t.field("job.state").value("heartbeat")))));
        subs.put("last", Aggregation.of(a -> a.max(m -> m.field("@timestamp"))));
        subs.put("service", Aggregation.of(a -> a.terms(t -> t.field("service.name").size(1))));
        Query query = Query.of(q -> q.bool(b -> b.filter(range("@timestamp", from, to))
                .filter(f -> f.exists(e -> e.field("job.id")))));
        List<JobActivity> out = new ArrayList<>();
        Map<String, FieldValue> after = null;
        do {
            Map<String, FieldValue> from0 = after;
            Aggregation runs = Aggregation.of(a -> a.composite(c -> {
                c.size(1000).sources(List.of(terms("name", "job.name"), terms("id", "job.id")));
                if (from0 != null) {
                    c.after(from0);
                }
                return c;
            }).aggregations(subs));
            Page page = page(search(query, Map.of("runs", runs)), "runs", 1000);
            for (CompositeBucket b : page.buckets()) {
                if (out.size() >= maxRuns) {
                    return out;
                }
                var started = b.aggregations().get("started").filter();
                var finished = b.aggregations().get("finished").filter();
                List<StringTermsBucket> service = b.aggregations().get("service").sterms().buckets().array();
                out.add(new JobActivity(service.isEmpty() ? null : service.getFirst().key().stringValue(),
                        b.key().get("name").stringValue(), b.key().get("id").stringValue(),
                        started.docCount() > 0 ? millis(started.aggregations().get("at").min().value()) : null,
                        millis(b.aggregations().get("last").max().value()),
                        finished.docCount() > 0 ? millis(finished.aggregations().get("at").max().value()) : null,
                        b.aggregations().get("heartbeats").filter().docCount()));
            }
            after = page.after();
        } while (after != null);
        return out;
    }

    @Override
    public Optional<Instant> latestIngested(Instant since, Instant until) {
        Map<String, Aggregation> aggs = Map.of("latest", Aggregation.of(a -> a.max(m -> m.field("event.ingested"))));
        SearchResponse<Void> response = call(() -> client.search(s -> s.index(IndexNames.EVENTS_ALIAS)
                .ignoreUnavailable(true).allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false))
                .query(range("event.ingested", since, until)).aggregations(aggs), Void.class));
        if (response.aggregations() == null || response.aggregations().get("latest") == null
                || !response.aggregations().get("latest").isMax()
                || response.aggregations().get("latest").max().valueAsString() == null) {
            return Optional.empty(); // no event in the range (the client reads the null max as 0)
        }
        return Optional.ofNullable(millis(response.aggregations().get("latest").max().value()));
    }

    @Override
    public Map<String, List<String>> tenants(List<TenantProbe> probes, int maxTenants) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i += PROBES_PER_REQUEST) {
            List<TenantProbe> batch = probes.subList(i, Math.min(probes.size(), i + PROBES_PER_REQUEST));
            Map<String, Query> filters = new LinkedHashMap<>();
            Instant from = batch.getFirst().from();
            Instant to = batch.getFirst().to();
            for (TenantProbe p : batch) {
                List<Query> clauses = new ArrayList<>();
                clauses.add(range("@timestamp", p.from(), p.to()));
                p.terms().forEach((field, value) -> clauses.add(Query.of(q -> q.term(t -> t.field(field)
                        .value(value)))));
                filters.put(p.key(), Query.of(q -> q.bool(b -> b.filter(clauses))));
                from = p.from().isBefore(from) ? p.from() : from;
                to = p.to().isAfter(to) ? p.to() : to;
            }
            Aggregation agg = Aggregation.of(a -> a.filters(f -> f.filters(b -> b.keyed(filters)))
                    .aggregations("tenants", t -> t.terms(x -> x.field("organization.id").size(maxTenants))));
            Map<String, Aggregate> result = search(range("@timestamp", from, to), Map.of("probes", agg));
            Aggregate probesAgg = result.get("probes");
            Map<String, FiltersBucket> buckets = probesAgg != null && probesAgg.isFilters()
                    ? probesAgg.filters().buckets().keyed() : Map.of();
            for (TenantProbe p : batch) {
                FiltersBucket b = buckets.get(p.key());
                List<String> tenants = new ArrayList<>();
                if (b != null && b.aggregations().get("tenants") != null) {
                    for (StringTermsBucket t : b.aggregations().get("tenants").sterms().buckets().array()) {
                        tenants.add(t.key().stringValue());
                    }
                }
                out.put(p.key(), tenants.stream().sorted().toList());
            }
        }
        return out;
    }

    private Aggregation composite(List<Map<String, CompositeAggregationSource>> sources,
                                  Map<String, Aggregation> subs, Map<String, FieldValue> after) {
        return Aggregation.of(a -> a.composite(c -> {
            c.size(pageSize).sources(sources);
            if (after != null) {
                c.after(after);
            }
            return c;
        }).aggregations(subs));
    }

    private static Map<String, Aggregation> serviceSubs() {
        Map<String, Aggregation> subs = new LinkedHashMap<>();
        subs.put("errors", Aggregation.of(a -> a.filter(errorQuery())));
        subs.put("timed", Aggregation.of(a -> a.valueCount(v -> v.field("event.duration"))));
        subs.put("p95", p95());
        subs.put("users", Aggregation.of(a -> a.cardinality(c -> c.field("user.id").precisionThreshold(100))));
        return subs;
    }

    private static Map<String, Aggregation> actionSubs() {
        Map<String, Aggregation> subs = new LinkedHashMap<>();
        subs.put("timed", Aggregation.of(a -> a.valueCount(v -> v.field("event.duration"))));
        subs.put("p95", p95());
        return subs;
    }

    private static Map<String, CompositeAggregationSource> terms(String name, String field) {
        return Map.of(name, CompositeAggregationSource.of(s -> s.terms(t -> t.field(field))));
    }

    private static Map<String, CompositeAggregationSource> histogram(Duration window) {
        return Map.of("window", CompositeAggregationSource.of(s -> s.dateHistogram(h -> h.field("@timestamp")
                .fixedInterval(t -> t.time(window.toSeconds() + "s")))));
    }

    private static Query range(String field, Instant from, Instant to) {
        return Query.of(q -> q.range(r -> r.date(d -> d.field(field).gte(from.toString()).lt(to.toString()))));
    }

    private static Query errorQuery() {
        return Query.of(q -> q.bool(b -> b
                .should(s -> s.terms(t -> t.field("log.level").terms(v -> v.value(
                        List.of(FieldValue.of("error"), FieldValue.of("critical"))))))
                .should(s -> s.term(t -> t.field("event.outcome").value("failure")))
                .minimumShouldMatch("1")));
    }

    private static Aggregation p95() {
        return TDigestPercentiles.of("event.duration", List.of(95.0));
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

    private static <T> int excess(List<T> items, int max) {
        return Math.max(0, items.size() - max);
    }

    private static <T> List<T> cap(List<T> items, int max) {
        if (items.size() <= max) {
            return items;
        }
        // Buckets come sorted by series name within a window: the same series are kept window after window.
        return items.subList(0, max);
    }

    private static Instant millis(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : Instant.ofEpochMilli(value.longValue());
    }

    private static <T> T call(StorageCalls.Call<T> request) {
        return StorageCalls.call(FAILED, request);
    }
}
