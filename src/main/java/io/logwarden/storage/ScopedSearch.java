package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small Lucene-syntax search over one index pattern, always restricted to a {@link ScopeFilter} outside the user's
 * query (see {@code storage.internal.ScopedQueries}). Used by the audit browser; feature searches with paging and
 * facets build their own storage methods on the same helper.
 */
public interface ScopedSearch {

    /**
     * Documents of {@code index} (a name, alias or pattern) whose {@code timeField} lies in [{@code from}, {@code to})
     * and that match {@code luceneQuery} (blank: everything), newest first.
     *
     * @throws IllegalArgumentException when the query cannot be parsed
     */
    Page search(String index, String timeField, String luceneQuery, Instant from, Instant to, ScopeFilter scope,
                int size);

    /**
     * One page of hits.
     *
     * @param total     number of matching documents (exact up to 10,000)
     * @param documents the {@code _source} of each hit, with {@code _id} and {@code _index} added
     */
    record Page(long total, List<Map<String, Object>> documents) {
    }
}
