package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.ScopedSearch;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchScopedSearch implements ScopedSearch {

    static final int MAX_SIZE = 1000;

    private final ElasticsearchClient client;

    ElasticsearchScopedSearch(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Page search(String index, String timeField, String luceneQuery, Instant from, Instant to, ScopeFilter scope,
                       int size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 0 and " + MAX_SIZE);
        }
        Query userQuery = userQuery(timeField, luceneQuery, from, to);
        Query scoped = ScopedQueries.wrap(userQuery, scope);
        try {
            SearchResponse<Map> response = client.search(s -> s.index(index)
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .query(scoped)
                    .size(size)
                    .sort(o -> o.field(f -> f.field(timeField).order(SortOrder.Desc).unmappedType(
                            co.elastic.clients.elasticsearch._types.mapping.FieldType.Date))), Map.class);
            if (!response.shards().failures().isEmpty()) {
                var failure = response.shards().failures().getFirst();
                throw new IllegalArgumentException("Invalid query: " + failure.reason().reason());
            }
            List<Map<String, Object>> documents = response.hits().hits().stream().map(ElasticsearchScopedSearch::document)
                    .toList();
            long total = response.hits().total() == null ? documents.size() : response.hits().total().value();
            return new Page(total, documents);
        } catch (ElasticsearchException e) {
            if (e.status() == 400) {
                throw new IllegalArgumentException("Invalid query: " + e.error().reason(), e);
            }
            throw e;
        } catch (IOException e) {
            throw new StorageUnavailableException("Search failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }

    private static Query userQuery(String timeField, String luceneQuery, Instant from, Instant to) {
        Query range = Query.of(q -> q.range(r -> r.date(d -> {
            d.field(timeField);
            if (from != null) {
                d.gte(from.toString());
            }
            if (to != null) {
                d.lt(to.toString());
            }
            return d;
        })));
        if (luceneQuery == null || luceneQuery.isBlank()) {
            return range;
        }
        Query text = Query.of(q -> q.queryString(qs -> qs.query(luceneQuery).defaultOperator(Operator.And)
                .lenient(true)));
        return Query.of(q -> q.bool(b -> b.must(text).filter(range)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Hit<Map> hit) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (hit.source() != null) {
            document.putAll(hit.source());
        }
        document.put("_id", hit.id());
        document.put("_index", hit.index());
        return document;
    }
}
