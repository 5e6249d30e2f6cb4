package io.logwarden.search;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A named search a user kept. Its owner sees it; so do users with one of {@code roles}, or everyone when
 * {@code everyone} (each still sees only their own scope when running it).
 *
 * @param id        identifier
 * @param owner     who saved it
 * @param name      what they called it
 * @param query     Lucene query
 * @param from      range start as typed ({@code now-24h} or ISO-8601)
 * @param to        range end as typed (blank = now)
 * @param columns   the grid's chosen columns; empty for the default ones
 * @param roles     roles it is shared with
 * @param everyone  shared with every user
 * @param createdAt when it was saved
 */
public record SavedSearch(String id, String owner, String name, String query, String from, String to,
                          List<String> columns, Set<String> roles, boolean everyone, Instant createdAt) {

    public SavedSearch {
        columns = columns == null ? List.of() : List.copyOf(columns);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** Whether anyone but its owner sees it. */
    public boolean shared() {
        return everyone || !roles.isEmpty();
    }
}
