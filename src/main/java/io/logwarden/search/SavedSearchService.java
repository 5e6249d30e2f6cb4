package io.logwarden.search;

import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.VersionedDocumentStore;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Saved searches (per user, shared with roles or everyone) and each user's recent queries, kept in the
 * {@code .logwarden-saved-searches} system index. Who sees a saved search is indexed as its {@code audience}
 * ({@code user:<owner>}, {@code role:<ROLE>}, {@code everyone}), so listing asks Elasticsearch for the caller's
 * audiences instead of reading the index.
 */
@Service
public class SavedSearchService {

    public static final String INDEX = ".logwarden-saved-searches";
    private static final int MAX_LISTED = 1_000;
    private static final String EVERYONE = "everyone";

    private final DocumentStore store;
    private final VersionedDocumentStore queries;
    private final AccessService access;
    private final SearchService search;
    private final SearchProperties properties;
    private final Clock clock = Clock.systemUTC();
    /** One writer, so a user's history updates apply in order; off the search's request path. */
    private final ExecutorService historyWriter = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("query-history").factory());

    public SavedSearchService(DocumentStore store, VersionedDocumentStore queries, AccessService access,
                              SearchService search, SearchProperties properties) {
        this.store = store;
        this.queries = queries;
        this.access = access;
        this.search = search;
        this.properties = properties;
    }

    /** Saves the search under a name; the query, range and roles are validated first. */
    @PreAuthorize("isAuthenticated()")
    public SavedSearch save(String name, String query, String from, String to, List<String> columns,
                            Set<String> roles, boolean everyone) {
        CurrentUser user = access.current();
        search.validate(query);
        search.range(from, to);
        SavedSearch saved = new SavedSearch("saved-" + UUID.randomUUID(), user.username(), checkedName(name),
                query == null ? "" : query, from, to, columns, checkedRoles(roles), everyone, clock.instant());
        store.save(INDEX, saved.id(), Document.of(saved));
        return saved;
    }

    /** Renames a saved search and sets whom it is shared with; only its owner or an admin may. */
    @PreAuthorize("isAuthenticated()")
    public SavedSearch update(String id, String name, Set<String> roles, boolean everyone) {
        SavedSearch existing = editable(id);
        SavedSearch updated = new SavedSearch(existing.id(), existing.owner(), checkedName(name), existing.query(),
                existing.from(), existing.to(), existing.columns(), checkedRoles(roles), everyone,
                existing.createdAt());
        store.save(INDEX, id, Document.of(updated));
        return updated;
    }

    /** The saved searches the caller owns or that are shared with them, by name. */
    @PreAuthorize("isAuthenticated()")
    public List<SavedSearch> list() {
        CurrentUser user = access.current();
        List<String> audiences = new ArrayList<>();
        audiences.add("user:" + user.username());
        user.roles().forEach(role -> audiences.add("role:" + role));
        audiences.add(EVERYONE);
        return queries.search(INDEX, Map.of("kind", "saved", "audience", audiences), List.of(), MAX_LISTED,
                        Document.class).stream()
                .map(v -> v.document().toSavedSearch())
                .sorted(Comparator.comparing(SavedSearch::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Whether the caller may rename, share or delete it. */
    @PreAuthorize("isAuthenticated()")
    public boolean mayEdit(SavedSearch saved) {
        CurrentUser user = access.current();
        return saved.owner().equals(user.username()) || user.hasRole(Roles.ADMIN);
    }

    /** Deletes a saved search; only its owner or an admin may. */
    @PreAuthorize("isAuthenticated()")
    public void delete(String id) {
        editable(id);
        store.delete(INDEX, id);
    }

    /**
     * Remembers a query the caller ran (most recent first, no immediate repeats). The write happens in the
     * background, without waiting for a refresh; the future completes when it is stored.
     */
    @PreAuthorize("isAuthenticated()")
    public CompletableFuture<Void> remember(String query, String from, String to) {
        if (properties.historySize() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        String me = access.current().username();
        QueryHistoryEntry entry = new QueryHistoryEntry(query == null ? "" : query, from, to, clock.instant());
        return CompletableFuture.runAsync(() -> {
            List<QueryHistoryEntry> entries = new ArrayList<>(history(me));
            entries.removeIf(e -> e.query().equals(entry.query()) && Objects.equals(e.from(), from)
                    && Objects.equals(e.to(), to));
            entries.addFirst(entry);
            while (entries.size() > properties.historySize()) {
                entries.removeLast();
            }
            store.saveWithoutRefresh(INDEX, historyId(me), new Document("history", historyId(me), me, null, null,
                    null, null, null, null, false, List.of(), clock.instant(), entries));
        }, historyWriter);
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

    private SavedSearch editable(String id) {
        CurrentUser user = access.current();
        SavedSearch saved = store.find(INDEX, id, Document.class).filter(d -> "saved".equals(d.kind()))
                .map(Document::toSavedSearch)
                .orElseThrow(() -> new QuerySyntaxException("No saved search " + id, -1));
        if (!saved.owner().equals(user.username()) && !user.hasRole(Roles.ADMIN)) {
            throw new AccessDeniedException("Only its owner or an admin may change a saved search");
        }
        return saved;
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new QuerySyntaxException("A saved search needs a name of 1 to 200 characters", -1);
        }
        return name.strip();
    }

    private static Set<String> checkedRoles(Set<String> roles) {
        Set<String> checked = roles == null ? Set.of() : Set.copyOf(roles);
        if (!Roles.ALL.containsAll(checked)) {
            throw new QuerySyntaxException("Unknown role in " + checked + "; roles are " + Roles.ALL, -1);
        }
        return checked;
    }

    private static String historyId(String user) {
        return "history-" + user;
    }

    @PreDestroy
    void stop() {
        historyWriter.shutdown();
    }

    /**
     * The stored form: saved searches and history documents share the index, told apart by {@code kind};
     * {@code audience} lists who may see a saved search.
     */
    record Document(String kind, String id, String owner, String name, String query, String from, String to,
                    List<String> columns, Set<String> roles, boolean shared, List<String> audience, Instant at,
                    List<QueryHistoryEntry> entries) {

        static Document of(SavedSearch s) {
            List<String> audience = new ArrayList<>();
            audience.add("user:" + s.owner());
            s.roles().stream().sorted().forEach(role -> audience.add("role:" + role));
            if (s.everyone()) {
                audience.add(EVERYONE);
            }
            return new Document("saved", s.id(), s.owner(), s.name(), s.query(), s.from(), s.to(), s.columns(),
                    s.roles(), s.everyone(), audience, s.createdAt(), null);
        }

        SavedSearch toSavedSearch() {
            return new SavedSearch(id, owner, name, query, from, to, columns, roles, shared, at);
        }
    }
}
