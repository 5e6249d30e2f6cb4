package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Documents updated with optimistic concurrency ({@code if_seq_no}/{@code if_primary_term}): a write based on a
 * stale read fails instead of overwriting someone else's change. Also exact-match searches over keyword fields and
 * appends to daily indices. Writes are visible to searches when they return.
 */
public interface VersionedDocumentStore {

    /** Position of a document version for a conditional write. */
    record Version(long seqNo, long primaryTerm) {
    }

    /** A document with its id and version. */
    record Versioned<T>(String id, T document, Version version) {
    }

    /** Sort order of a search. */
    record Sort(String field, boolean descending) {
    }

    /** One page of a search and the number of all matching documents. */
    record Page<T>(long total, List<Versioned<T>> documents) {
    }

    <T> Optional<Versioned<T>> get(String index, String id, Class<T> type);

    /** Creates the document if no document has that id; empty when one exists. */
    <T> Optional<Version> create(String index, String id, T document);

    /** Replaces the document only if it is still at {@code expected}; empty on a conflict. */
    <T> Optional<Version> replace(String index, String id, T document, Version expected);

    /**
     * Like {@link #replace}, without forcing a refresh: a {@link #get} sees the new version at once (real-time), a
     * search after Elasticsearch's next periodic refresh. For frequent writes such as job checkpoints.
     */
    <T> Optional<Version> replaceQuietly(String index, String id, T document, Version expected);

    /** Creates or replaces unconditionally. */
    <T> void put(String index, String id, T document);

    void delete(String index, String id);

    /**
     * Documents whose fields equal the given values (keyword or boolean fields; a collection value matches any of its
     * elements), sorted, at most {@code max}. A missing index gives an empty list.
     */
    <T> List<Versioned<T>> search(String index, Map<String, Object> equals, List<Sort> sort, int max, Class<T> type);

    /** Like {@link #search}, the {@code size} documents from position {@code from}, with the total. */
    <T> Page<T> page(String index, Map<String, Object> equals, List<Sort> sort, int from, int size, Class<T> type);

    long count(String index, Map<String, Object> equals);

    /** Appends a document to the daily index {@code family-YYYY.MM.DD} of {@code timestamp}. */
    <T> void append(String family, Instant timestamp, T document);
}
