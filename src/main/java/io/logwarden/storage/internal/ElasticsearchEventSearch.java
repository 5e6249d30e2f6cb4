package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.CountBucket;
import io.logwarden.storage.CursorExpiredException;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.PageRequest;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StorageUnavailableException;
import io.logwarden.storage.StoredEvent;
import io.logwarden.storage.TermCount;
import io.logwarden.storage.TopTerms;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchEventSearch implements EventSearch {

    private static final String TIMESTAMP = "@timestamp";

    private final ElasticsearchClient client;

    ElasticsearchEventSearch(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public EventPage page(EventQuery query, PageRequest request) {
        String keepAlive = request.keepAlive().toSeconds() + "s";
        String pitId = request.pitId() != null ? request.pitId()
                : call(() -> client.openPointInTime(o -> o.index(IndexNames.EVENTS_ALIAS).keepAlive(t -> t.time(keepAlive))
                        .ignoreUnavailable(true))).id();
        SearchRequest.Builder search = new SearchRequest.Builder()
                .pit(p -> p.id(pitId).keepAlive(t -> t.time(keepAlive)))
                .query(toQuery(query))
                .size(request.size())
                .sort(sort(TIMESTAMP, SortOrder.Desc))
                .sort(sort("_shard_doc", SortOrder.Desc))
                .trackTotalHits(t -> t.enabled(request.countTotal()));
        if (!request.searchAfter().isEmpty()) {
            search.searchAfter(request.searchAfter().stream().map(FieldValue::of).toList());
        }
        if (!request.fields().isEmpty()) {
            search.source(s -> s.filter(f -> f.includes(request.fields())));
        }
        SearchResponse<Map> response = call(() -> client.search(search.build(), Map.class));
        long total = request.countTotal() && response.hits().total() != null ? response.hits().total().value() : -1;
        return new EventPage(total, hits(response), response.pitId() != null ? response.pitId() : pitId);
    }

    @Override
    public void closePointInTime(String pitId) {
        try {
            client.closePointInTime(c -> c.id(pitId));
        } catch (ElasticsearchException | IOException e) {
            // expired or already closed: nothing left to release
        }
    }

    @Override
    public List<CountBucket> histogram(EventQuery query, Duration interval) {
        SearchResponse<Void> response = call(() -> client.search(s -> s
                .index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                .size(0)
                .trackTotalHits(t -> t.enabled(false))
                .query(toQuery(query))
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
        SearchResponse<Void> response = call(() -> client.search(s -> s
                .index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                .size(0)
                .trackTotalHits(t -> t.enabled(true))
                .query(toQuery(query))
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
        Query query = ScopedQueries.wrap(Query.of(q -> q.ids(i -> i.values(id))), scope);
        SearchResponse<Map> response = call(() -> client.search(s -> s.index(IndexNames.EVENTS_ALIAS)
                .ignoreUnavailable(true).allowNoIndices(true).size(1).query(query), Map.class));
        return hits(response).stream().findFirst();
    }

    @Override
    public List<StoredEvent> oldestFirst(EventQuery query, int max) {
        return sorted(query, max, SortOrder.Asc);
    }

    @Override
    public List<StoredEvent> newestFirst(EventQuery query, int max) {
        return sorted(query, max, SortOrder.Desc);
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

    private List<StoredEvent> sorted(EventQuery query, int max, SortOrder order) {
        SearchResponse<Map> response = call(() -> client.search(s -> s.index(IndexNames.EVENTS_ALIAS)
                .ignoreUnavailable(true).allowNoIndices(true)
                .size(max)
                .trackTotalHits(t -> t.enabled(false))
                .query(toQuery(query))
                .sort(sort(TIMESTAMP, order)), Map.class));
        return hits(response);
    }

    /**
     * The user's query in {@code must}, time range and exact filters as filters; then the caller's scope around it.
     * The export scanner builds its query here too, so an export of a search returns exactly the search's rows.
     */
    static Query toQuery(EventQuery query) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (!query.queryString().isBlank()) {
            bool.must(m -> m.queryString(q -> q.query(query.queryString())
                    .fields(query.defaultFields())
                    .defaultOperator(Operator.Or)
                    .allowLeadingWildcard(query.leadingWildcards())
                    .analyzeWildcard(true)));
        }
        bool.filter(f -> f.range(r -> r.date(d -> d.field(TIMESTAMP)
                .gte(query.from().toString()).lt(query.to().toString()))));
        query.exactFilters().forEach((field, value) -> bool.filter(f -> f.term(t -> t.field(field).value(value))));
        return ScopedQueries.wrap(bool.build()._toQuery(), query.scope());
    }

    private static SortOptions sort(String field, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order)));
    }

    @SuppressWarnings("unchecked")
    private static List<StoredEvent> hits(SearchResponse<Map> response) {
        List<StoredEvent> events = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<String, Object> source = hit.source() == null ? Map.of() : (Map<String, Object>) hit.source();
            List<Long> sort = hit.sort().stream().map(v -> v.isLong() ? v.longValue() : (long) v.doubleValue())
                    .toList();
            events.add(new StoredEvent(hit.id(), hit.index(), timestamp(source.get(TIMESTAMP)), source, sort));
        }
        return events;
    }

    private static Instant timestamp(Object value) {
        if (value instanceof String text) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        return value instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }

    private interface Call<R> {
        R run() throws IOException;
    }

    private static <R> R call(Call<R> call) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            if (e.status() == 404 && String.valueOf(e.error().type()).contains("search_context_missing")
                    || String.valueOf(e.getMessage()).contains("search_context_missing")) {
                throw new CursorExpiredException("The cursor has expired; run the search again", e);
            }
            if (e.status() == 400) {
                throw new QueryRejectedException(reason(e), e);
            }
            throw new StorageUnavailableException("Elasticsearch failed the search: " + e.getMessage(),
                    "Check Elasticsearch's health and log.", e);
        } catch (IOException e) {
            throw new StorageUnavailableException("Elasticsearch request failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }

    private static String reason(ElasticsearchException e) {
        var error = e.error();
        if (!error.rootCause().isEmpty() && error.rootCause().getFirst().reason() != null) {
            return error.rootCause().getFirst().reason();
        }
        if (error.causedBy() != null && error.causedBy().reason() != null) {
            return error.causedBy().reason();
        }
        return error.reason() != null ? error.reason() : e.getMessage();
    }
}
