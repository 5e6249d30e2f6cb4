package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.EventSelection;
import java.util.List;

/**
 * Turns an {@link EventSelection} into an Elasticsearch query: the time range and the user's Lucene query, wrapped in the
 * user's scope by {@link ScopedQueries#wrap}.
 */
final class EventQueries {

    static final String TIMESTAMP = "@timestamp";

    private EventQueries() {
    }

    static Query of(EventSelection query) {
        BoolQuery.Builder bool = new BoolQuery.Builder()
                .filter(f -> f.range(r -> r.date(d -> d.field(TIMESTAMP)
                        .gte(query.from().toString()).lt(query.to().toString()))));
        if (!query.query().isEmpty()) {
            bool.must(lucene(query.query()));
        }
        return ScopedQueries.wrap(bool.build()._toQuery(), query.scope());
    }

    /** Lucene sub-query used inside aggregations (named counters, filters). */
    static Query lucene(String luceneQuery) {
        return Query.of(q -> q.queryString(s -> s.query(luceneQuery).defaultOperator(Operator.And).lenient(true)));
    }

    static Query termsOf(String field, List<String> values) {
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
    }
}
