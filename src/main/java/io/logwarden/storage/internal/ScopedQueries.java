package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.ScopeFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link EventQuery} into an Elasticsearch query: the time range, the user's Lucene query, and the scope as
 * filters beside (never inside) the user's query. Kept in one place so the shared scoping helper (issue #4) can
 * replace {@link #scope} without touching the aggregations.
 */
final class ScopedQueries {

    static final String TIMESTAMP = "@timestamp";

    private ScopedQueries() {
    }

    static Query of(EventQuery query) {
        BoolQuery.Builder bool = new BoolQuery.Builder()
                .filter(f -> f.range(r -> r.date(d -> d.field(TIMESTAMP)
                        .gte(query.from().toString()).lt(query.to().toString()))));
        if (!query.query().isEmpty()) {
            bool.must(m -> m.queryString(q -> q.query(query.query()).defaultOperator(Operator.And).lenient(true)));
        }
        scope(bool, query.scope());
        return bool.build()._toQuery();
    }

    /** Lucene sub-query used inside aggregations (named counters, filters). */
    static Query lucene(String luceneQuery) {
        return Query.of(q -> q.queryString(s -> s.query(luceneQuery).defaultOperator(Operator.And).lenient(true)));
    }

    static Query termsOf(String field, List<String> values) {
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
    }

    private static void scope(BoolQuery.Builder bool, ScopeFilter scope) {
        if (scope.matchNothing()) {
            bool.filter(f -> f.matchNone(m -> m));
            return;
        }
        for (Map.Entry<String, Set<String>> entry : scope.allowedValues().entrySet()) {
            bool.filter(termsOf(entry.getKey(), entry.getValue().stream().sorted().toList()));
        }
    }
}
