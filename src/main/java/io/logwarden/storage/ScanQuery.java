package io.logwarden.storage;

import java.time.Instant;
import java.util.List;

/**
 * What a scan reads: which indices, a Lucene query string interpreted exactly as Search interprets it (same default
 * fields, operator and wildcard setting, see {@link EventQuery}), a time range on {@code @timestamp} and optionally a
 * data subject whose events alone are wanted.
 *
 * @param indices          index names, aliases or patterns
 * @param queryString      validated Lucene query syntax; blank matches everything; needs a time range
 * @param defaultFields    fields a term without a field name searches (Search's {@code default-fields})
 * @param leadingWildcards whether Elasticsearch may expand {@code *foo}
 * @param from             inclusive lower bound of {@code @timestamp}, or null
 * @param to               exclusive upper bound of {@code @timestamp}, or null
 * @param subject          only documents about this person, or null for no such condition
 * @param fields           the {@code _source} fields to return; empty returns the whole document
 */
public record ScanQuery(List<String> indices, String queryString, List<String> defaultFields,
                        boolean leadingWildcards, Instant from, Instant to, SubjectMatch subject,
                        List<String> fields) {

    public ScanQuery {
        indices = List.copyOf(indices);
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("An event query needs at least one index");
        }
        queryString = queryString == null ? "" : queryString.strip();
        defaultFields = defaultFields == null ? List.of() : List.copyOf(defaultFields);
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("The time range is empty: from " + from + " is not before to " + to);
        }
        if (!queryString.isEmpty() && (from == null || to == null)) {
            throw new IllegalArgumentException("A query string needs a time range, as in Search");
        }
    }

    /** Every document of the indices in the range (no query string, no subject). */
    public static ScanQuery all(List<String> indices, Instant from, Instant to, List<String> fields) {
        return new ScanQuery(indices, "", List.of(), false, from, to, null, fields);
    }

    /** Every document about {@code subject} in the indices, whatever its time. */
    public static ScanQuery about(List<String> indices, SubjectMatch subject, List<String> fields) {
        return new ScanQuery(indices, "", List.of(), false, null, null, subject, fields);
    }
}
