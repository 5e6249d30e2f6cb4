package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.logwarden.storage.CountBucket;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.PageRequest;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StoredEvent;
import io.logwarden.storage.TermCount;
import io.logwarden.storage.TopTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchEventSearch implements EventSearch {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchEventSearch.class);
    private static final String TIMESTAMP = SearchRequests.TIMESTAMP;

    private final ElasticsearchClient client;
    private final ElasticsearchAsyncClient asyncClient;
    private final PointInTimeSeeker seeker;

    ElasticsearchEventSearch(ElasticsearchClient client) {
        this.client = client;
        this.asyncClient = new ElasticsearchAsyncClient(client._transport());
        this.seeker = new PointInTimeSeeker(client);
    }

    @Override
    public EventPage first(EventQuery query, int size, boolean countTotal, List<String> fields) {
        SearchRequest.Builder search = new SearchRequest.Builder()
                .index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                .query(SearchRequests.toQuery(query))
                .size(size)
                .sort(SearchRequests.sort(TIMESTAMP, SortOrder.Desc))
                .trackTotalHits(t -> t.enabled(countTotal));
        source(search, fields);
        SearchResponse<Map> response = SearchRequests.call(() -> client.search(search.build(), Map.class));
        return new EventPage(total(response, countTotal), SearchRequests.hits(response), null);
    }

    @Override
    public String openPointInTime(Duration keepAlive) {
        return SearchRequests.call(() -> client.openPointInTime(o -> o.index(IndexNames.EVENTS_ALIAS)
                .keepAlive(t -> t.time(keepAlive.toSeconds() + "s")).ignoreUnavailable(true))).id();
    }

    @Override
    public EventPage page(EventQuery query, PageRequest request) {
        String keepAlive = request.keepAlive().toSeconds() + "s";
        List<Query> boundary = SearchRequests.boundary(request);
        SearchRequest.Builder search = new SearchRequest.Builder()
                .pit(p -> p.id(request.pitId()).keepAlive(t -> t.time(keepAlive)))
                .query(SearchRequests.toQuery(query, boundary))
                .size(request.size())
                .sort(SearchRequests.sort(TIMESTAMP, SortOrder.Desc))
                .sort(SearchRequests.sort("_shard_doc", SortOrder.Desc))
                .trackTotalHits(t -> t.enabled(request.countTotal()));
        if (!request.searchAfter().isEmpty()) {
            search.searchAfter(request.searchAfter().stream().map(FieldValue::of).toList());
        }
        source(search, request.fields());
        SearchResponse<Map> response = SearchRequests.checkContexts(SearchRequests.call(
                () -> client.search(search.build(), Map.class)));
        return new EventPage(total(response, request.countTotal()), SearchRequests.hits(response),
                response.pitId() != null ? response.pitId() : request.pitId());
    }

    @Override
    public EventPage pageAt(EventQuery query, PageRequest request, long offset) {
        return seeker.pageAt(query, request, offset);
    }

    @Override
    public void closePointInTime(String pitId) {
        if (pitId == null || pitId.isBlank()) {
            return;
        }
        try {
            asyncClient.closePointInTime(c -> c.id(pitId)).whenComplete((response, failure) -> {
                if (failure != null) {
                    log.debug("Closing a point in time failed (it may have expired): {}", failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.debug("Closing a point in time failed: {}", e.getMessage());
        }
    }

    @Override
    public List<CountBucket> histogram(EventQuery query, Duration interval) {
        SearchResponse<Void> response = SearchRequests.call(() -> client.search(s -> s
                .index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                .size(0)
                .trackTotalHits(t -> t.enabled(false))
                .query(SearchRequests.toQuery(query))
                .aggregations("over_time", a -> a.dateHistogram(h -> h
                        .field(TIMESTAMP)
                        .fixedInterval(f -> f.time(interval.toSeconds() + "s"))
                        .minDocCount(0)
                        .extendedBounds(b -> b
                                .min(FieldDateMath.of(m -> m.value((double) query.from().toEpochMilli())))
                                .max(FieldDateMath.of(m -> m.value((double) query.to().minusMillis(1).toEpochMilli())))))),
                Void.class));
        return response.aggregations().get("over_time").dateHistogram().buckets().array().stream()
                .map(b -> new CountBucket(Instant.ofEpochMilli(b.key()), b.docCount()))
                .toList();
    }

    @Override
    public TopTerms topTerms(EventQuery query, String field, int size) {
        SearchResponse<Void> response = SearchRequests.call(() -> client.search(s -> s
                .index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                .size(0)
                .trackTotalHits(t -> t.enabled(true))
                .query(SearchRequests.toQuery(query))
                .aggregations("top", a -> a.terms(t -> t.field(field).size(size)))
                .aggregations("missing", a -> a.missing(m -> m.field(field))),
                Void.class));
        Aggregate top = response.aggregations().get("top");
        List<TermCount> values = new ArrayList<>();
        long other;
        if (top.isSterms()) {
            top.sterms().buckets().array().forEach(b -> values.add(new TermCount(b.key().stringValue(), b.docCount())));
            other = top.sterms().sumOtherDocCount();
        } else if (top.isLterms()) {
            top.lterms().buckets().array().forEach(b -> values.add(new TermCount(
                    b.keyAsString() != null ? b.keyAsString() : String.valueOf(b.key()), b.docCount())));
            other = top.lterms().sumOtherDocCount();
        } else if (top.isDterms()) {
            top.dterms().buckets().array().forEach(b -> values.add(new TermCount(
                    b.keyAsString() != null ? b.keyAsString() : String.valueOf(b.key()), b.docCount())));
            other = top.dterms().sumOtherDocCount();
        } else {
            other = 0;
        }
        long matching = response.hits().total() == null ? 0 : response.hits().total().value();
        return new TopTerms(matching, response.aggregations().get("missing").missing().docCount(), other, values);
    }

    @Override
    public Optional<StoredEvent> byId(String id, ScopeFilter scope) {
        return byIds(List.of(id), scope).stream().findFirst();
    }

    @Override
    public List<StoredEvent> byIds(Collection<String> ids, ScopeFilter scope) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Query query = ScopedQueries.wrap(Query.of(q -> q.ids(i -> i.values(List.copyOf(ids)))), scope);
        SearchResponse<Map> response = SearchRequests.call(() -> client.search(s -> s.index(IndexNames.EVENTS_ALIAS)
                .ignoreUnavailable(true).allowNoIndices(true).size(ids.size()).query(query), Map.class));
        return SearchRequests.hits(response);
    }

    @Override
    public EventPage oldestFirst(EventQuery query, Collection<String> excludedIds, int max) {
        List<Query> extra = excludedIds.isEmpty() ? List.of() : List.of(Query.of(q -> q.bool(b -> b
                .mustNot(n -> n.ids(i -> i.values(List.copyOf(excludedIds)))))));
        SearchResponse<Map> response = SearchRequests.call(() -> client.search(s -> s
                .index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                .size(max)
                .trackTotalHits(t -> t.enabled(true))
                .query(SearchRequests.toQuery(query, extra))
                .sort(SearchRequests.sort(TIMESTAMP, SortOrder.Asc))
                .sort(SearchRequests.dateSort(SearchRequests.INGESTED, SortOrder.Asc))
                .sort(SearchRequests.sort("_doc", SortOrder.Asc)), Map.class));
        return new EventPage(total(response, true), SearchRequests.hits(response), null);
    }

    @Override
    public List<StoredEvent> ingestedSince(EventQuery query, Instant since, int max, boolean withSource) {
        Query ingested = Query.of(q -> q.range(r -> r.date(d -> d.field(SearchRequests.INGESTED)
                .gte(since.toString()))));
        SearchResponse<Map> response = SearchRequests.call(() -> client.search(s -> {
            s.index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                    .size(max)
                    .trackTotalHits(t -> t.enabled(false))
                    .query(SearchRequests.toQuery(query, List.of(ingested)))
                    .sort(SearchRequests.dateSort(SearchRequests.INGESTED, SortOrder.Desc))
                    .sort(SearchRequests.sort(TIMESTAMP, SortOrder.Desc));
            if (!withSource) {
                s.source(src -> src.fetch(false));
            }
            return s;
        }, Map.class));
        return SearchRequests.hits(response);
    }

    @Override
    public Surroundings around(EventQuery query, Instant at, String anchorId, int max) {
        EventQuery before = query.withRange(query.from(), at.plusMillis(1));
        EventQuery after = query.withRange(at.plusMillis(1), query.to());
        List<StoredEvent> older = before.from().isBefore(before.to()) ? sorted(before, max + 1, SortOrder.Desc)
                : List.of();
        List<StoredEvent> newer = after.from().isBefore(after.to()) ? sorted(after, max, SortOrder.Asc) : List.of();
        return new Surroundings(older.stream().filter(e -> !e.id().equals(anchorId)).limit(max).toList(), newer);
    }

    /** By time, then ingestion, then index order: events of one millisecond keep the order they arrived in. */
    private List<StoredEvent> sorted(EventQuery query, int max, SortOrder order) {
        SearchResponse<Map> response = SearchRequests.call(() -> client.search(s -> s.index(IndexNames.EVENTS_ALIAS)
                .ignoreUnavailable(true).allowNoIndices(true)
                .size(max)
                .trackTotalHits(t -> t.enabled(false))
                .query(SearchRequests.toQuery(query))
                .sort(SearchRequests.sort(TIMESTAMP, order))
                .sort(SearchRequests.dateSort(SearchRequests.INGESTED, order))
                .sort(SearchRequests.sort("_doc", order)), Map.class));
        return SearchRequests.hits(response);
    }

    private static void source(SearchRequest.Builder search, List<String> fields) {
        if (!fields.isEmpty()) {
            search.source(s -> s.filter(f -> f.includes(fields)));
        }
    }

    private static long total(SearchResponse<?> response, boolean counted) {
        return counted && response.hits().total() != null ? response.hits().total().value() : -1;
    }
}
