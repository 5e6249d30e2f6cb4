package io.logwarden.storage;

import java.time.Instant;
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

    /** Why the query is not valid Lucene syntax for the event indices, or empty when it is. */
    Optional<String> validateQuery(String query);
}
