package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.CursorExpiredException;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.PageRequest;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.StorageUnavailableException;
import io.logwarden.storage.StoredEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What the event search adapters share: the query of an {@link EventQuery}, sorts, hit mapping, error mapping. */
final class SearchRequests {

    static final String TIMESTAMP = "@timestamp";
    static final String INGESTED = "event.ingested";

    private SearchRequests() {
    }

    /**
     * The user's query in {@code must}; the time range, the exact filters and {@code extra} as filters; then the
     * caller's scope around it.
     */
    static Query toQuery(EventQuery query, List<Query> extra) {
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
        extra.forEach(bool::filter);
        return ScopedQueries.wrap(bool.build()._toQuery(), query.scope());
    }

    static Query toQuery(EventQuery query) {
        return toQuery(query, List.of());
    }

    /** The filter of a page request's boundary (see {@link PageRequest#notAfter()}), if it has one. */
    static List<Query> boundary(PageRequest request) {
        return request.notAfter() == null ? List.of()
                : List.of(notAfterExcept(request.notAfter(), request.excludedIds()));
    }

    /** Events at or before {@code at}, except {@code ids}. */
    static Query notAfterExcept(Instant at, Collection<String> ids) {
        return Query.of(q -> q.bool(b -> {
            // lt at+1 ms, not lte at: Elasticsearch rounds an lte bound up, "…:25Z" would take in all of second 25
            b.filter(f -> f.range(r -> r.date(d -> d.field(TIMESTAMP).lt(at.plusMillis(1).toString()))));
            if (!ids.isEmpty()) {
                b.mustNot(n -> n.ids(i -> i.values(List.copyOf(ids))));
            }
            return b;
        }));
    }

    static SortOptions sort(String field, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order)));
    }

    /** A sort on a date field some indices may not map (then its documents sort as missing). */
    static SortOptions dateSort(String field, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order).unmappedType(FieldType.Date)));
    }

    @SuppressWarnings("unchecked")
    static List<StoredEvent> hits(SearchResponse<Map> response) {
        List<StoredEvent> events = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<String, Object> source = hit.source() == null ? Map.of() : (Map<String, Object>) hit.source();
            List<Long> sort = hit.sort().stream().map(v -> v.isLong() ? v.longValue() : (long) v.doubleValue())
                    .toList();
            events.add(new StoredEvent(hit.id(), hit.index(), timestamp(source.get(TIMESTAMP)), source, sort));
        }
        return events;
    }

    static Instant timestamp(Object value) {
        if (value instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return value instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }

    /** A point-in-time search whose contexts are gone on some shards answers 200 with failures: the cursor expired. */
    static <T> SearchResponse<T> checkContexts(SearchResponse<T> response) {
        boolean missing = response.shards().failures().stream().anyMatch(f -> f.reason() != null
                && String.valueOf(f.reason().type()).contains("search_context_missing"));
        if (missing) {
            throw new CursorExpiredException("The cursor has expired; run the search again", null);
        }
        return response;
    }

    interface Call<R> {
        R run() throws IOException;
    }

    static <R> R call(Call<R> call) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            if (contextMissing(e)) {
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

    /** A point in time that expired or was closed: "search_context_missing" as the error or one of its causes. */
    private static boolean contextMissing(ElasticsearchException e) {
        var error = e.error();
        java.util.List<String> types = new java.util.ArrayList<>();
        types.add(error.type());
        error.rootCause().forEach(cause -> types.add(cause.type()));
        if (error.causedBy() != null) {
            types.add(error.causedBy().type());
        }
        // with all shards failed, the shard failures sit in the metadata of the search_phase_execution_exception
        types.add(String.valueOf(error.metadata().get("failed_shards")));
        return types.stream().anyMatch(t -> String.valueOf(t).contains("search_context_missing"))
                || String.valueOf(e.getMessage()).contains("search_context_missing");
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
