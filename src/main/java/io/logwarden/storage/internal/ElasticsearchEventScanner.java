package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanExpiredException;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScanQuery;
import io.logwarden.storage.ScannedEvent;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StorageUnavailableException;
import io.logwarden.storage.SubjectMatch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchEventScanner implements EventScanner {

    private static final Set<String> METADATA = Set.of("_id", "_index");
    /** More daily indices than any retention keeps. */
    private static final int MAX_INDICES = 10_000;

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
            throw translate(e, "open a point in time");
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
            throw translate(e, "read the next page");
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

    @Override
    public Map<String, Long> countPerIndex(ScanQuery query, ScopeFilter scope) {
        try {
            SearchResponse<Void> response = client.search(s -> s.index(query.indices())
                    .ignoreUnavailable(true).allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false))
                    .query(scoped(query, scope))
                    .aggregations("per_index", a -> a.terms(t -> t.field("_index").size(MAX_INDICES))), Void.class);
            Map<String, Long> counts = new TreeMap<>();
            response.aggregations().get("per_index").sterms().buckets().array()
                    .forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
            return counts;
        } catch (ElasticsearchException e) {
            throw translate(e, "count per index");
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /**
     * The data query wrapped in the caller's scope. With a time range it is built by the same code as Search's
     * ({@link ElasticsearchEventSearch#toQuery}), so an export of a search returns exactly the search's rows; a
     * subject condition is added as a filter beside it.
     */
    static Query scoped(ScanQuery query, ScopeFilter scope) {
        Query base = query.from() != null && query.to() != null
                ? SearchRequests.toQuery(new EventQuery(query.queryString(), query.defaultFields(),
                        query.from(), query.to(), scope, Map.of(), query.leadingWildcards()))
                : ScopedQueries.wrap(null, scope);
        if (query.subject() == null) {
            return base;
        }
        return Query.of(q -> q.bool(b -> b.must(base).filter(SubjectQueries.of(query.subject()))));
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

    /** 400: the query is wrong (permanent); 408, 429, 5xx: Elasticsearch is busy or failing (temporary). */
    private static RuntimeException translate(ElasticsearchException e, String what) {
        if (e.status() == 400) {
            return new QueryRejectedException(e.getMessage(), e);
        }
        if (e.status() == 408 || e.status() == 429 || e.status() >= 500) {
            return new StorageUnavailableException("Elasticsearch could not " + what + " (" + e.status() + "): "
                    + e.getMessage(), "Wait for Elasticsearch to recover; the scan continues from its position.", e);
        }
        return e;
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Elasticsearch request failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }

    /** The query of {@link SubjectMatch}. */
    static final class SubjectQueries {

        private SubjectQueries() {
        }

        static Query of(SubjectMatch subject) {
            return Query.of(q -> q.bool(b -> {
                if (subject.userId() != null) {
                    b.should(s -> s.term(t -> t.field("user.id").value(subject.userId())));
                    b.should(phrase("original", subject.userId()));
                }
                if (subject.email() != null) {
                    b.should(s -> s.term(t -> t.field("user.email").value(subject.email()).caseInsensitive(true)));
                    b.should(phrase("message", subject.email()));
                    b.should(phrase("error.message", subject.email()));
                    b.should(phrase("original", subject.email()));
                }
                if (subject.name() != null) {
                    b.should(s -> s.term(t -> t.field("user.name").value(subject.name()).caseInsensitive(true)));
                    b.should(phrase("original", subject.name()));
                }
                return b.minimumShouldMatch("1");
            }));
        }

        private static Query phrase(String field, String text) {
            return Query.of(q -> q.matchPhrase(m -> m.field(field).query(text)));
        }
    }
}
