package io.logwarden.storage;

import java.util.List;

/**
 * The most frequent values of a field.
 *
 * @param values  most frequent first
 * @param others  events with another value of the field (not in {@code values})
 * @param missing events without the field
 */
public record TopValues(List<KeyCount> values, long others, long missing) {
}
