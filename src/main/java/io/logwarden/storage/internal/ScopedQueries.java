package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.ScopeFilter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place a user's {@link ScopeFilter} is applied to an Elasticsearch query. Every storage method that runs a
 * query for a user (search, aggregations, exports, counts) builds its query through {@link #wrap(Query, ScopeFilter)}
 * and sends the result as the request's {@code query}:
 *
 * <pre>
 * bool {
 *   must:   [ &lt;the user's query&gt; ]          // query_string, ranges, anything the feature builds
 *   filter: [ terms organization.id [...],      // one terms filter per restricted field,
 *             terms service.name [...], ... ]   // all of which must hold
 * }
 * </pre>
 *
 * The user's query can only narrow the result: whatever it matches, the filter clauses sit beside it in the same
 * {@code bool} and each must hold, so {@code OR *:*}, {@code _index:*}, {@code organization.id:*} or any other syntax
 * cannot add a document outside the scope. A document lacking a restricted field is outside the scope.
 *
 * <p>Callers must not bypass the wrapped query: no {@code global} aggregation (it ignores the query), no
 * user-supplied {@code runtime_mappings} (they could shadow a scope field), and a {@code post_filter} only in addition
 * to the wrapped query, never instead of it.
 */
public final class ScopedQueries {

    private ScopedQueries() {
    }

    /** {@code userQuery} restricted to {@code scope}; a null {@code userQuery} means "everything in scope". */
    public static Query wrap(Query userQuery, ScopeFilter scope) {
        Objects.requireNonNull(scope, "scope is required: pass ScopeFilter.UNRESTRICTED explicitly for system queries");
        Query must = userQuery == null ? Query.of(q -> q.matchAll(m -> m)) : userQuery;
        if (scope.matchNothing()) {
            return Query.of(q -> q.matchNone(m -> m));
        }
        BoolQuery.Builder bool = new BoolQuery.Builder().must(must);
        for (Query clause : filterClauses(scope)) {
            bool.filter(clause);
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /** The scope alone as filter clauses (one {@code terms} per restricted field, sorted by field name). */
    public static List<Query> filterClauses(ScopeFilter scope) {
        if (scope.matchNothing()) {
            return List.of(Query.of(q -> q.matchNone(m -> m)));
        }
        return new TreeMap<>(scope.allowedValues()).entrySet().stream().map(ScopedQueries::terms).toList();
    }

    private static Query terms(Map.Entry<String, Set<String>> restriction) {
        List<FieldValue> values = restriction.getValue().stream().sorted().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(restriction.getKey()).terms(v -> v.value(values))));
    }
}
