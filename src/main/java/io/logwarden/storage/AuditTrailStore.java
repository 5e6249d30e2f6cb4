package io.logwarden.storage;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Append-only storage of hash-chained audit records in the daily {@code logwarden-audit-*} indices. Records are
 * created under a deterministic id per sequence number, so two writers can never both append the same link.
 */
public interface AuditTrailStore {

    /** Creates the record; false when a record with that id already exists (another writer appended first). */
    boolean create(String index, String id, Map<String, Object> record);

    /** The record with that id, read in real time (no refresh needed). */
    Optional<Map<String, Object>> get(String index, String id);

    /** The highest {@code chain.sequence} searchable in the index; may lag the newest appends by a refresh. */
    OptionalLong highestSequence(String index);

    /** Every record of the index in ascending {@code chain.sequence} order, after a refresh. */
    void forEachInSequence(String index, Consumer<StoredRecord> consumer);

    /** A record as stored, with its document id. */
    record StoredRecord(String id, Map<String, Object> source) {
    }
}
