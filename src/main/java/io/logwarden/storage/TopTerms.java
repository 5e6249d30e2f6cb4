package io.logwarden.storage;

import java.util.List;

/**
 * The most frequent values of a field among the matching events.
 *
 * @param matching events matching the query
 * @param missing  matching events without the field
 * @param other    matching events whose value is not among {@code values}
 * @param values   most frequent first
 */
public record TopTerms(long matching, long missing, long other, List<TermCount> values) {
}
