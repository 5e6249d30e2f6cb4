package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Counts for alert rules; every query goes through {@link ScopedQueries#wrap}, so the scope cannot be widened. */
@Service
class ElasticsearchEventCounts implements EventCounts {

    private static final String GROUPS = "groups";

    private final ElasticsearchClient client;

    ElasticsearchEventCounts(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public Map<String, Long> countByGroup(String query, ScopeFilter scope, String groupBy, Instant from, Instant to,
                                          int maxGroups) {
        Query filtered = scoped(query, scope, from, to);
        try {
            if (groupBy == null) {
                var response = client.search(s -> s.index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true)
                        .allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(true)).query(filtered), Void.class);
                return Map.of("", response.hits().total() == null ? 0L : response.hits().total().value());
            }
            var response = client.search(s -> s.index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true)
                    .allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false)).query(filtered)
                    .aggregations(GROUPS, a -> a.terms(t -> t.field(groupBy).size(maxGroups))), Void.class);
            Map<String, Long> counts = new LinkedHashMap<>();
            Aggregate groups = response.aggregations() == null ? null : response.aggregations().get(GROUPS);
            if (groups == null) {
                return counts;
            }
            if (groups.isSterms()) {
                groups.sterms().buckets().array().forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
            } else if (groups.isLterms()) {
                groups.lterms().buckets().array().forEach(b -> counts.put(Long.toString(b.key()), b.docCount()));
            } else if (groups.isDterms()) {
                groups.dterms().buckets().array().forEach(b -> counts.put(Double.toString(b.key()), b.docCount()));
            }
            return counts;
        } catch (ElasticsearchException e) {
            throw new IllegalArgumentException("Elasticsearch rejected the query '" + query + "': "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("Counting events failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }

    /** The user's query and the time range, wrapped in the scope by {@link ScopedQueries}. */
    static Query scoped(String query, ScopeFilter scope, Instant from, Instant to) {
        BoolQuery.Builder user = new BoolQuery.Builder();
        user.filter(f -> f.range(r -> r.date(d -> d.field("@timestamp").gte(from.toString()).lt(to.toString()))));
        if (query != null && !query.isBlank()) {
            user.must(m -> m.queryString(q -> q.query(query)));
        }
        return ScopedQueries.wrap(Query.of(q -> q.bool(user.build())), scope);
    }

    @Override
    public Optional<String> validateQuery(String query) {
        if (query == null || query.isBlank()) {
            return Optional.empty();
        }
        try {
            var response = client.indices().validateQuery(v -> v.index(IndexNames.EVENTS_ALIAS)
                    .ignoreUnavailable(true).allowNoIndices(true).explain(true)
                    .query(q -> q.queryString(s -> s.query(query))));
            if (response.valid()) {
                return Optional.empty();
            }
            String reason = response.error();
            if (reason == null && response.explanations() != null) {
                reason = response.explanations().stream().map(x -> x.error()).filter(x -> x != null)
                        .findFirst().orElse(null);
            }
            return Optional.of(reason == null ? "invalid query" : reason);
        } catch (IOException e) {
            throw new StorageUnavailableException("Validating a query failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }
}
