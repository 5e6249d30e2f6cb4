package io.logwarden.search;

import java.util.List;

/**
 * Events around one event from the same host (or service when it has no host), oldest first.
 *
 * @param sharedField the field they share with the anchor (host.name or service.name)
 * @param before      events just before the anchor, oldest first
 * @param anchor      the event asked about
 * @param after       events just after it, oldest first
 */
public record Surroundings(String sharedField, List<FoundEvent> before, FoundEvent anchor, List<FoundEvent> after) {
}
