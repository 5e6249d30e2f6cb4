package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.TopHitsAggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
                    + reason(e), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("Counting events failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }

    @Override
    public Map<String, FirstAndLast> firstAndLast(String query, ScopeFilter scope, String groupBy,
                                                  Collection<String> groups, Instant from, Instant to,
                                                  List<String> fields) {
        Query filtered = scoped(query, scope, from, to);
        if (groupBy != null) {
            if (groups.isEmpty()) {
                return Map.of();
            }
            List<FieldValue> values = groups.stream().map(FieldValue::of).toList();
            Query scopedQuery = filtered;
            filtered = Query.of(q -> q.bool(b -> b.filter(scopedQuery)
                    .filter(f -> f.terms(t -> t.field(groupBy).terms(v -> v.value(values))))));
        }
        Map<String, Aggregation> hits = Map.of(
                "first", topHit(SortOrder.Asc, fields), "last", topHit(SortOrder.Desc, fields));
        Query finalQuery = filtered;
        try {
            var response = client.search(s -> {
                s.index(IndexNames.EVENTS_ALIAS).ignoreUnavailable(true).allowNoIndices(true).size(0)
                        .trackTotalHits(t -> t.enabled(false)).query(finalQuery);
                if (groupBy == null) {
                    return s.aggregations(hits);
                }
                return s.aggregations(GROUPS, a -> a.terms(t -> t.field(groupBy).size(groups.size()))
                        .aggregations(hits));
            }, Void.class);
            Map<String, FirstAndLast> out = new HashMap<>();
            Map<String, Aggregate> aggs = response.aggregations() == null ? Map.of() : response.aggregations();
            if (groupBy == null) {
                firstAndLast(aggs).ifPresent(f -> out.put("", f));
                return out;
            }
            Aggregate terms = aggs.get(GROUPS);
            if (terms != null && terms.isSterms()) {
                terms.sterms().buckets().array().forEach(b -> firstAndLast(b.aggregations())
                        .ifPresent(f -> out.put(b.key().stringValue(), f)));
            } else if (terms != null && terms.isLterms()) {
                terms.lterms().buckets().array().forEach(b -> firstAndLast(b.aggregations())
                        .ifPresent(f -> out.put(Long.toString(b.key()), f)));
            }
            return out;
        } catch (ElasticsearchException e) {
            throw new IllegalArgumentException("Elasticsearch rejected the query '" + query + "': "
                    + reason(e), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("Reading matching events failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }

    private static Aggregation topHit(SortOrder order, List<String> fields) {
        return Aggregation.of(a -> a.topHits(h -> h.size(1)
                .sort(o -> o.field(f -> f.field("@timestamp").order(order)))
                .source(src -> src.filter(f -> f.includes(fields)))));
    }

    @SuppressWarnings("unchecked")
    private static Optional<FirstAndLast> firstAndLast(Map<String, Aggregate> aggs) {
        Map<String, Object> first = source(aggs.get("first"));
        Map<String, Object> last = source(aggs.get("last"));
        return first == null || last == null ? Optional.empty() : Optional.of(new FirstAndLast(first, last));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Aggregate aggregate) {
        if (aggregate == null || !aggregate.isTopHits()) {
            return null;
        }
        TopHitsAggregate top = aggregate.topHits();
        if (top.hits().hits().isEmpty() || top.hits().hits().getFirst().source() == null) {
            return null;
        }
        return top.hits().hits().getFirst().source().to(Map.class);
    }

    /** The root cause Elasticsearch gives (e.g. "Fielddata is disabled on [message]"), else its message. */
    static String reason(ElasticsearchException e) {
        var error = e.error();
        if (error != null && error.rootCause() != null && !error.rootCause().isEmpty()
                && error.rootCause().getFirst().reason() != null) {
            return error.rootCause().getFirst().reason();
        }
        if (error != null && error.causedBy() != null && error.causedBy().reason() != null) {
            return error.causedBy().reason();
        }
        return e.getMessage();
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
