package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.EventSelection;
import java.util.List;

/**
 * Turns an {@link EventSelection} into an Elasticsearch query: the time range and the user's Lucene query as
 * {@code filter} clauses (not scored, and cacheable by Elasticsearch's filter and shard request caches), wrapped in the
 * user's scope by {@link ScopedQueries#wrap}. The Lucene query is run with the settings Search uses (default fields,
 * OR as default operator, leading wildcards only where allowed), so a chart and the Search page it opens agree.
 */
final class EventQueries {

    static final String TIMESTAMP = "@timestamp";

    private EventQueries() {
    }

    /**
     * The two bounds are separate filters so that each daily index's shard request cache key stays stable while the
     * range moves on: Elasticsearch rewrites a range that covers all of a shard's values to an unbounded one before
     * keying the cache, so the oldest (partial) day keeps only {@code gte from} (fixed for a bucket width) and the
     * days before today only match-all-like ranges; one range with both bounds would key the oldest day on the end
     * too, which moves every minute (docs/decisions/075).
     */
    static Query of(EventSelection selection) {
        BoolQuery.Builder bool = new BoolQuery.Builder()
                .filter(f -> f.range(r -> r.date(d -> d.field(TIMESTAMP).gte(selection.from().toString()))))
                .filter(f -> f.range(r -> r.date(d -> d.field(TIMESTAMP).lt(selection.to().toString()))));
        if (!selection.query().isEmpty()) {
            bool.filter(lucene(selection.query(), selection.defaultFields(), selection.leadingWildcards()));
        }
        return ScopedQueries.wrap(bool.build()._toQuery(), selection.scope());
    }

    /** A validated Lucene query as Search runs it. */
    static Query lucene(String luceneQuery, List<String> defaultFields, boolean leadingWildcards) {
        return Query.of(q -> q.queryString(s -> {
            s.query(luceneQuery).defaultOperator(Operator.Or).allowLeadingWildcard(leadingWildcards)
                    .analyzeWildcard(true);
            if (!defaultFields.isEmpty()) {
                s.fields(defaultFields);
            }
            return s;
        }));
    }

    static Query termsOf(String field, List<String> values) {
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
    }

    static Query exists(String field) {
        return Query.of(q -> q.exists(e -> e.field(field)));
    }
}
