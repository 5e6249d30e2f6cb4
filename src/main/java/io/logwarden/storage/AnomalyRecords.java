package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anomaly documents in the daily {@code logwarden-anomalies-YYYY.MM.DD} indices (day of {@code window.start}).
 * Documents are plain maps so that storage does not depend on the anomaly feature; each carries {@code id},
 * {@code @timestamp}, {@code score} and the fields of the anomalies index template.
 */
public interface AnomalyRecords {

    /** Creates or replaces the documents (by {@code id}); visible to searches on return. */
    void save(List<Map<String, Object>> documents);

    /** Documents whose {@code @timestamp} is in [from, to) with at least {@code minScore}, newest first. */
    List<Map<String, Object>> search(Instant from, Instant to, double minScore, int max);

    Optional<Map<String, Object>> find(String id);

    /** Sets {@code feedback} on the document; false if there is no such document. */
    boolean setFeedback(String id, String feedback);
}
