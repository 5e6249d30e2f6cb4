package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anomaly documents in the daily {@code logwarden-anomalies-YYYY.MM.DD} indices (day of {@code window.start}, which
 * is part of the stable id, so a document never moves). Documents are plain maps so that storage does not depend on
 * the anomaly feature; each carries {@code id}, {@code @timestamp} (= window start), {@code window.start},
 * {@code window.end}, {@code score} and the fields of the anomalies index template.
 */
public interface AnomalyRecords {

    /**
     * What recording one document did.
     *
     * @param id               the document id
     * @param created          true for a new document
     * @param previousSeverity the stored severity before an update, null when created
     * @param previousFeedback the stored review state before an update, null when created
     */
    record Recorded(String id, boolean created, String previousSeverity, String previousFeedback) {
    }

    /**
     * Creates the documents that do not exist; for those that do, replaces only the fields given except
     * {@code keep} (review state written by users, the first detection time), which stay as stored. Visible to
     * searches on return.
     */
    List<Recorded> record(List<Map<String, Object>> documents, List<String> keep);

    /**
     * Documents within {@code scope} whose window overlaps [from, to) (starts before {@code to}, ends after
     * {@code from}) with at least {@code minScore}, latest window end first.
     */
    List<Map<String, Object>> search(ScopeFilter scope, Instant from, Instant to, double minScore, int max);

    /** The document with this id if it is within {@code scope}. */
    Optional<Map<String, Object>> find(ScopeFilter scope, String id);

    /** Sets {@code fields} on the document (partial update); false if there is no such document. */
    boolean update(String id, Map<String, Object> fields);

    /** Documents whose {@code field} equals {@code value} for every entry of {@code equals}, at most {@code max}. */
    List<Map<String, Object>> findWhere(Map<String, String> equals, int max);
}
