package io.logwarden.storage;

import java.util.Map;

/**
 * Counts over one range.
 *
 * @param total    all matching events
 * @param named    name → events matching that named sub-query as well
 * @param distinct approximate number of distinct values of the field asked for (0 when none was asked)
 */
public record CountSummary(long total, Map<String, Long> named, long distinct) {
}
