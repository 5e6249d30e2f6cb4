package io.logwarden.storage;

import java.util.List;
import java.util.Optional;

/**
 * Small platform-state documents (users, settings, saved items) in {@code .logwarden-*} system indices, mapped to and
 * from Java records with Jackson.
 */
public interface DocumentStore {

    /** Creates or replaces the document and makes it visible to searches at once. */
    <T> void save(String index, String id, T document);

    /**
     * Creates or replaces the document without waiting for it to become searchable (a read by id sees it at once):
     * for frequent writes that nothing searches for right away.
     */
    default <T> void saveWithoutRefresh(String index, String id, T document) {
        save(index, id, document);
    }

    /** Creates the document only if no document has that id; returns whether it was created. */
    <T> boolean create(String index, String id, T document);

    <T> Optional<T> find(String index, String id, Class<T> type);

    /** Up to {@code max} documents of the index, in no particular order. */
    <T> List<T> findAll(String index, Class<T> type, int max);

    void delete(String index, String id);
}
