package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import io.logwarden.storage.ScopeFilter;

/**
 * Adds a caller's scope to a bool query as filters outside the user's query, so no query syntax can widen it.
 * Interim copy for the search adapter; the shared helper from the security work (issue 4) replaces it.
 */
final class ScopeFilters {

    private ScopeFilters() {
    }

    static BoolQuery.Builder apply(BoolQuery.Builder bool, ScopeFilter scope) {
        if (scope.matchNothing()) {
            return bool.filter(f -> f.bool(b -> b.mustNot(m -> m.matchAll(a -> a))));
        }
        scope.allowedValues().forEach((field, values) -> bool.filter(f -> f.terms(t -> t.field(field)
                .terms(v -> v.value(values.stream().sorted().map(FieldValue::of).toList())))));
        return bool;
    }
}
