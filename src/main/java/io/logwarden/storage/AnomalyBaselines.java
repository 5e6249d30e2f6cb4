package io.logwarden.storage;

import java.util.List;
import java.util.Map;

/**
 * The anomaly detectors' persisted state in the {@code .logwarden-anomaly-baselines} system index: many small
 * documents (one per detector and chunk of series, plus a meta document), each {@code {savedAt, state: {...}}} with
 * the state kept in {@code _source} only. Reads are real-time gets, so writes need no refresh.
 */
public interface AnomalyBaselines {

    String INDEX = ".logwarden-anomaly-baselines";

    /** Creates or replaces the documents by id in one bulk request. */
    void save(Map<String, Map<String, Object>> documents);

    /** The documents with these ids that exist. */
    Map<String, Map<String, Object>> load(List<String> ids);
}
