package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.elasticsearch.client.RestClient;
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
    private final JsonEventSearch json;

    ElasticsearchEventSearch(ElasticsearchClient client, RestClient rest) {
        this.client = client;
        this.json = new JsonEventSearch(rest, client._jsonpMapper());
        this.asyncClient = new ElasticsearchAsyncClient(client._transport());
        this.seeker = new PointInTimeSeeker(client);
    }

    @Override
    public EventPage first(EventQuery query, int size, boolean countTotal, List<String> fields) {
        return json.newestFirst(SearchRequests.toQuery(query), size, countTotal, fields);
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
        JsonEventSearch.Answer answer = json.aggregations(SearchRequests.toQuery(query), false, out -> {
            out.writeObjectFieldStart("over_time");
            out.writeObjectFieldStart("date_histogram");
            out.writeStringField("field", TIMESTAMP);
            out.writeStringField("fixed_interval", interval.toSeconds() + "s");
            out.writeNumberField("min_doc_count", 0);
            out.writeObjectFieldStart("extended_bounds");
            out.writeNumberField("min", query.from().toEpochMilli());
            out.writeNumberField("max", query.to().minusMillis(1).toEpochMilli());
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndObject();
        });
        List<CountBucket> buckets = new ArrayList<>();
        for (JsonNode bucket : answer.aggregations().path("over_time").path("buckets")) {
            buckets.add(new CountBucket(Instant.ofEpochMilli(bucket.path("key").asLong()),
                    bucket.path("doc_count").asLong()));
        }
        return buckets;
    }

    @Override
    public TopTerms topTerms(EventQuery query, String field, int size) {
        JsonEventSearch.Answer answer = json.aggregations(SearchRequests.toQuery(query), true, out -> {
            out.writeObjectFieldStart("top");
            out.writeObjectFieldStart("terms");
            out.writeStringField("field", field);
            out.writeNumberField("size", size);
            out.writeEndObject();
            out.writeEndObject();
            out.writeObjectFieldStart("missing");
            out.writeObjectFieldStart("missing");
            out.writeStringField("field", field);
            out.writeEndObject();
            out.writeEndObject();
        });
        JsonNode top = answer.aggregations().path("top");
        List<TermCount> values = new ArrayList<>();
        for (JsonNode bucket : top.path("buckets")) {
            // a date's or boolean's key comes as text in key_as_string, a number's only as a number
            JsonNode key = bucket.has("key_as_string") ? bucket.get("key_as_string") : bucket.path("key");
            values.add(new TermCount(key.asText(), bucket.path("doc_count").asLong()));
        }
        long missing = answer.aggregations().path("missing").path("doc_count").asLong();
        return new TopTerms(Math.max(0, answer.total()), missing, top.path("sum_other_doc_count").asLong(), values);
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
