package io.logwarden.storage;

import java.util.List;

/**
 * One page of events.
 *
 * @param total  matching events in all, or -1 when not counted
 * @param events the page, in the requested order
 * @param pitId  point-in-time id to use for the next page (Elasticsearch may change it between pages); null for a
 *               page read without one
 */
public record EventPage(long total, List<StoredEvent> events, String pitId) {
}
