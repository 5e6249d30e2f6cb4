package io.logwarden.search;

import java.util.List;

/**
 * One page of a search, newest first.
 *
 * @param total  all matching events
 * @param events this page
 * @param cursor pass it back to get the next page; null when this is the last page
 */
public record SearchResult(long total, List<FoundEvent> events, String cursor) {
}
