package io.logwarden.search;

import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Saved searches (per user, optionally shared) and each user's recent queries, kept in the
 * {@code .logwarden-saved-searches} system index.
 */
@Service
public class SavedSearchService {

    public static final String INDEX = ".logwarden-saved-searches";
    private static final int MAX_SAVED = 10_000;

    private final DocumentStore store;
    private final AccessService access;
    private final SearchService search;
    private final SearchProperties properties;
    private final Clock clock = Clock.systemUTC();

    public SavedSearchService(DocumentStore store, AccessService access, SearchService search,
                              SearchProperties properties) {
        this.store = store;
        this.access = access;
        this.search = search;
        this.properties = properties;
    }

    /** Saves the search under a name; the query and range are validated first. */
    @PreAuthorize("isAuthenticated()")
    public SavedSearch save(String name, String query, String from, String to, boolean shared) {
        CurrentUser user = access.current();
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new QuerySyntaxException("A saved search needs a name of 1 to 200 characters", -1);
        }
        search.validate(query);
        search.range(from, to);
        SavedSearch saved = new SavedSearch("saved-" + UUID.randomUUID(), user.username(), name.strip(),
                query == null ? "" : query, from, to, shared, clock.instant());
        store.save(INDEX, saved.id(), Document.of(saved));
        return saved;
    }

    /** The caller's saved searches and those others shared, by name. */
    @PreAuthorize("isAuthenticated()")
    public List<SavedSearch> list() {
        String me = access.current().username();
        return store.findAll(INDEX, Document.class, MAX_SAVED).stream()
                .filter(d -> "saved".equals(d.kind()))
                .map(Document::toSavedSearch)
                .filter(s -> s.owner().equals(me) || s.shared())
                .sorted(Comparator.comparing(SavedSearch::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Deletes a saved search; only its owner or an admin may. */
    @PreAuthorize("isAuthenticated()")
    public void delete(String id) {
        CurrentUser user = access.current();
        Document doc = store.find(INDEX, id, Document.class).filter(d -> "saved".equals(d.kind()))
                .orElseThrow(() -> new QuerySyntaxException("No saved search " + id, -1));
        if (!doc.owner().equals(user.username()) && !user.hasRole(Roles.ADMIN)) {
            throw new AccessDeniedException("Only its owner may delete a saved search");
        }
        store.delete(INDEX, id);
    }

    /** Remembers a query the caller ran (most recent first, no immediate repeats). */
    @PreAuthorize("isAuthenticated()")
    public void remember(String query, String from, String to) {
        if (properties.historySize() == 0) {
            return;
        }
        String me = access.current().username();
        List<QueryHistoryEntry> entries = new ArrayList<>(history(me));
        QueryHistoryEntry entry = new QueryHistoryEntry(query == null ? "" : query, from, to, clock.instant());
        entries.removeIf(e -> e.query().equals(entry.query()) && java.util.Objects.equals(e.from(), from)
                && java.util.Objects.equals(e.to(), to));
        entries.addFirst(entry);
        while (entries.size() > properties.historySize()) {
            entries.removeLast();
        }
        store.save(INDEX, historyId(me), new Document("history", historyId(me), me, null, null, null, null, false,
                clock.instant(), entries));
    }

    /** The caller's recent queries, most recent first. */
    @PreAuthorize("isAuthenticated()")
    public List<QueryHistoryEntry> history() {
        return history(access.current().username());
    }

    private List<QueryHistoryEntry> history(String user) {
        return store.find(INDEX, historyId(user), Document.class)
                .map(d -> d.entries() == null ? List.<QueryHistoryEntry>of() : d.entries()).orElse(List.of());
    }

    private static String historyId(String user) {
        return "history-" + user;
    }

    /** The stored form: saved searches and history documents share the index, told apart by {@code kind}. */
    record Document(String kind, String id, String owner, String name, String query, String from, String to, boolean shared,
                    Instant at, List<QueryHistoryEntry> entries) {

        static Document of(SavedSearch s) {
            return new Document("saved", s.id(), s.owner(), s.name(), s.query(), s.from(), s.to(), s.shared(), s.createdAt(),
                    null);
        }

        SavedSearch toSavedSearch() {
            return new SavedSearch(id, owner, name, query, from, to, shared, at);
        }
    }
}
