package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which events an aggregate covers: a time range, an optional Lucene query the user typed, and the user's scope
 * (applied outside the query, so no query syntax can widen it). The query runs as Search runs it: the same default
 * fields for terms without a field name and the same leading-wildcard setting, so a count on a chart equals the total
 * of the Search page a click on it opens.
 *
 * @param from             start of the range (inclusive)
 * @param to               end of the range (exclusive)
 * @param query            validated Lucene query syntax, blank for all events
 * @param scope            what the user may see
 * @param defaultFields    fields a term without a field name searches (Search's {@code logwarden.search.default-fields})
 * @param leadingWildcards whether {@code *foo} may be expanded (Search's {@code allow-leading-wildcards})
 */
public record EventSelection(Instant from, Instant to, String query, ScopeFilter scope, List<String> defaultFields,
                             boolean leadingWildcards) {

    public EventSelection {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(scope, "scope");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The range must end after it starts: " + from + " .. " + to);
        }
        query = query == null ? "" : query.strip();
        defaultFields = defaultFields == null ? List.of() : List.copyOf(defaultFields);
    }

    /** A selection without user text (health checks, system figures): every term names its field. */
    public EventSelection(Instant from, Instant to, String query, ScopeFilter scope) {
        this(from, to, query, scope, List.of(), false);
    }

    /** The same range and scope, with {@code extra} ANDed to the query. */
    public EventSelection and(String extra) {
        if (extra == null || extra.isBlank()) {
            return this;
        }
        return new EventSelection(from, to, query.isEmpty() ? extra : "(" + query + ") AND (" + extra + ")", scope,
                defaultFields, leadingWildcards);
    }

    /** The same query and scope over another range. */
    public EventSelection withRange(Instant newFrom, Instant newTo) {
        return new EventSelection(newFrom, newTo, query, scope, defaultFields, leadingWildcards);
    }
}
