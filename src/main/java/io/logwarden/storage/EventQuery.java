package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to match in the event indices. Storage always adds the time range and the scope as filters outside the
 * query text, so neither can be widened by what a user typed.
 *
 * @param queryString   validated Lucene query text for query_string; blank matches everything
 * @param defaultFields fields a term without a field name searches
 * @param from          inclusive start of {@code @timestamp}
 * @param to            exclusive end of {@code @timestamp}
 * @param scope         the caller's scope ({@code AccessService.current().scope().toFilter()})
 * @param exactFilters  further field = value filters (drill-down, entity timelines, surrounding events)
 * @param leadingWildcards whether Elasticsearch may expand {@code *foo} (expensive)
 */
public record EventQuery(String queryString, List<String> defaultFields, Instant from, Instant to, ScopeFilter scope,
                         Map<String, String> exactFilters, boolean leadingWildcards) {

    public EventQuery {
        queryString = queryString == null ? "" : queryString;
        defaultFields = List.copyOf(defaultFields);
        exactFilters = Map.copyOf(exactFilters);
        if (scope == null) {
            throw new IllegalArgumentException("An event query needs the caller's scope");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    public EventQuery withRange(Instant newFrom, Instant newTo) {
        return new EventQuery(queryString, defaultFields, newFrom, newTo, scope, exactFilters, leadingWildcards);
    }

    public EventQuery withFilters(Map<String, String> filters) {
        return new EventQuery(queryString, defaultFields, from, to, scope, filters, leadingWildcards);
    }
}
