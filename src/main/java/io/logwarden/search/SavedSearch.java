package io.logwarden.search;

import java.time.Instant;

/**
 * A named search a user kept; shared ones are visible to every user (each still sees only their own scope).
 *
 * @param id        identifier
 * @param owner     who saved it
 * @param name      what they called it
 * @param query     Lucene query
 * @param from      range start as typed ({@code now-24h} or ISO-8601)
 * @param to        range end as typed (blank = now)
 * @param shared    visible to other users
 * @param createdAt when it was saved
 */
public record SavedSearch(String id, String owner, String name, String query, String from, String to, boolean shared,
                          Instant createdAt) {
}
