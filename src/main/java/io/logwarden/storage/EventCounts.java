package io.logwarden.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Counts of events matching a user's Lucene query, always within a scope filter that the query cannot widen. */
public interface EventCounts {

    /**
     * Events in [{@code from}, {@code to}) matching {@code query} (blank: all) inside {@code scope}, per value of
     * {@code groupBy} (the {@code maxGroups} largest groups), or under the key "" when {@code groupBy} is null.
     */
    Map<String, Long> countByGroup(String query, ScopeFilter scope, String groupBy, Instant from, Instant to,
                                   int maxGroups);

    /**
     * The oldest and the newest event (by {@code @timestamp}) matching {@code query} in [{@code from}, {@code to})
     * inside {@code scope}, per value of {@code groupBy} among {@code groups} (or under "" when {@code groupBy} is
     * null), with only {@code fields} in their sources. Groups without a matching event are absent.
     */
    Map<String, FirstAndLast> firstAndLast(String query, ScopeFilter scope, String groupBy, Collection<String> groups,
                                           Instant from, Instant to, List<String> fields);

    /** @param first the oldest matching event's source @param last the newest one's */
    record FirstAndLast(Map<String, Object> first, Map<String, Object> last) {
    }

    /** Why the query is not valid Lucene syntax for the event indices, or empty when it is. */
    Optional<String> validateQuery(String query);
}
