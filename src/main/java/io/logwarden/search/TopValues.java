package io.logwarden.search;

import java.util.List;

/**
 * The most frequent values of one field among the events a query matches.
 *
 * @param field    the field
 * @param matching events matching the query
 * @param missing  of those, events without the field
 * @param other    of those, events with a value outside the list
 * @param values   most frequent first
 */
public record TopValues(String field, long matching, long missing, long other, List<ValueCount> values) {

    /** A value and its count. */
    public record ValueCount(String value, long count) {
    }
}
