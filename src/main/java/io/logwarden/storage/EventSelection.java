package io.logwarden.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * Which events an aggregate covers: a time range, an optional Lucene query the user typed, and the user's scope
 * (applied outside the query, so no query syntax can widen it).
 *
 * @param from  start of the range (inclusive)
 * @param to    end of the range (exclusive)
 * @param query Lucene query syntax, blank for all events
 * @param scope what the user may see
 */
public record EventSelection(Instant from, Instant to, String query, ScopeFilter scope) {

    public EventSelection {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(scope, "scope");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The range must end after it starts: " + from + " .. " + to);
        }
        query = query == null ? "" : query.strip();
    }

    /** The same query over another range. */
    public EventSelection withRange(Instant newFrom, Instant newTo) {
        return new EventSelection(newFrom, newTo, query, scope);
    }

    /** The same range and scope, with {@code extra} ANDed to the query. */
    public EventSelection and(String extra) {
        if (extra == null || extra.isBlank()) {
            return this;
        }
        return new EventSelection(from, to, query.isEmpty() ? extra : "(" + query + ") AND (" + extra + ")", scope);
    }
}
