package io.logwarden.analytics;

import java.util.List;

/**
 * Events per value of one field.
 *
 * @param title   what is broken down, e.g. "Top actions"
 * @param field   the ECS field
 * @param entries most frequent first
 * @param others  events with a value not listed
 * @param missing events without the field
 */
public record Breakdown(String title, String field, List<Entry> entries, long others, long missing) {

    /**
     * @param key    the value as shown (pseudonymised for personal data the user may not see)
     * @param count  events with it
     * @param filter Lucene filter selecting those events, blank when the value may not be searched for
     */
    public record Entry(String key, long count, String filter) {
    }

    public long total() {
        return entries.stream().mapToLong(Entry::count).sum() + others + missing;
    }
}
