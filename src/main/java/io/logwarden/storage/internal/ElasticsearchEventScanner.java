package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.ScanQuery;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanExpiredException;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScannedEvent;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchEventScanner implements EventScanner {

    private static final Set<String> METADATA = Set.of("_id", "_index");

    private final ElasticsearchClient client;

    ElasticsearchEventScanner(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public ScanCursor open(ScanQuery query, Duration keepAlive) {
        try {
            String pit = client.openPointInTime(o -> o.index(query.indices()).keepAlive(time(keepAlive))
                    .ignoreUnavailable(true)).id();
            return new ScanCursor(pit, List.of(), -1);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return new ScanCursor(null, List.of(), 0);
            }
            throw e;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public ScanPage next(ScanQuery query, ScopeFilter scope, ScanCursor cursor, int size, Duration keepAlive) {
        if (cursor.empty()) {
            return new ScanPage(List.of(), cursor, true);
        }
        boolean first = cursor.total() < 0;
        SearchRequest request = SearchRequest.of(s -> {
            s.pit(p -> p.id(cursor.pitId()).keepAlive(time(keepAlive)))
                    .size(size)
                    .query(scoped(query, scope))
                    .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Asc).unmappedType(FieldType.Date)))
                    .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)))
                    .trackTotalHits(t -> t.enabled(first));
            List<String> sourceFields = query.fields().stream().filter(f -> !METADATA.contains(f)).toList();
            if (!query.fields().isEmpty()) {
                s.source(src -> sourceFields.isEmpty() ? src.fetch(false)
                        : src.filter(f -> f.includes(sourceFields)));
            }
            if (!cursor.searchAfter().isEmpty()) {
                s.searchAfter(cursor.searchAfter().stream().map(ElasticsearchEventScanner::fieldValue).toList());
            }
            return s;
        });
        SearchResponse<Map> response;
        try {
            response = client.search(request, Map.class);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                throw new ScanExpiredException("The point in time of this scan has expired: " + e.getMessage(), e);
            }
            throw e;
        } catch (IOException e) {
            throw unavailable(e);
        }
        List<Hit<Map>> hits = response.hits().hits();
        List<ScannedEvent> events = new ArrayList<>(hits.size());
        for (Hit<Map> hit : hits) {
            events.add(new ScannedEvent(hit.index(), hit.id(), hit.source() == null ? Map.of() : hit.source()));
        }
        long total = first && response.hits().total() != null ? response.hits().total().value() : cursor.total();
        String pit = response.pitId() != null ? response.pitId() : cursor.pitId();
        List<Object> after = hits.isEmpty() ? cursor.searchAfter()
                : hits.getLast().sort().stream().map(FieldValue::_get).toList();
        return new ScanPage(events, new ScanCursor(pit, after, total), hits.size() < size);
    }

    @Override
    public void close(ScanCursor cursor) {
        if (cursor == null || cursor.empty()) {
            return;
        }
        try {
            client.closePointInTime(c -> c.id(cursor.pitId()));
        } catch (ElasticsearchException | IOException e) {
            // already gone or unreachable: the keep-alive releases it anyway
        }
    }

    /** The data query (query string, range, exact-match conditions) wrapped in the caller's scope. */
    private static Query scoped(ScanQuery query, ScopeFilter scope) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (!query.queryString().isEmpty()) {
            bool.must(m -> m.queryString(q -> q.query(query.queryString()).defaultOperator(Operator.And)));
        }
        if (query.from() != null || query.to() != null) {
            bool.filter(f -> f.range(r -> r.date(d -> {
                d.field("@timestamp");
                if (query.from() != null) {
                    d.gte(query.from().toString());
                }
                if (query.to() != null) {
                    d.lt(query.to().toString());
                }
                return d;
            })));
        }
        if (!query.anyOfTerms().isEmpty()) {
            bool.filter(f -> f.bool(any -> {
                query.anyOfTerms().forEach((field, values) -> any.should(terms(field, values)));
                return any.minimumShouldMatch("1");
            }));
        }
        return ScopedQueries.wrap(Query.of(q -> q.bool(bool.build())), scope);
    }

    private static Query terms(String field, Set<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field)
                .terms(v -> v.value(values.stream().sorted().map(FieldValue::of).toList()))));
    }

    private static FieldValue fieldValue(Object value) {
        return switch (value) {
            case null -> FieldValue.NULL;
            case Long l -> FieldValue.of(l);
            case Integer i -> FieldValue.of(i.longValue());
            case Double d -> FieldValue.of(d);
            case Float f -> FieldValue.of(f.doubleValue());
            case Boolean b -> FieldValue.of(b);
            case Number n -> FieldValue.of(n.longValue());
            default -> FieldValue.of(value.toString());
        };
    }

    private static Time time(Duration keepAlive) {
        return Time.of(t -> t.time(Math.max(1, keepAlive.toSeconds()) + "s"));
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Elasticsearch request failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }
}
