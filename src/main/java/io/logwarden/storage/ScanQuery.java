package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scan reads: which indices, a Lucene query string, a time range on {@code @timestamp} and optionally a set
 * of exact field values of which any one must match (used to find every event about a data subject).
 *
 * @param indices      index names, aliases or patterns
 * @param queryString  Lucene query syntax; blank matches everything
 * @param from         inclusive lower bound of {@code @timestamp}, or null
 * @param to           exclusive upper bound of {@code @timestamp}, or null
 * @param anyOfTerms   field → values; a document matches if any field has any of its values; empty = no condition
 * @param fields       the {@code _source} fields to return; empty returns the whole document
 */
public record ScanQuery(List<String> indices, String queryString, Instant from, Instant to,
                         Map<String, Set<String>> anyOfTerms, List<String> fields) {

    public ScanQuery {
        indices = List.copyOf(indices);
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("An event query needs at least one index");
        }
        queryString = queryString == null ? "" : queryString.strip();
        anyOfTerms = anyOfTerms == null ? Map.of() : Map.copyOf(anyOfTerms);
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("The time range is empty: from " + from + " is not before to " + to);
        }
    }
}
