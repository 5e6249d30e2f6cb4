package io.logwarden.anomaly;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the UI and the API need of anomaly detection: anomalies of a time range, review actions (a false positive
 * feeds back into the detector's baseline) and the system anomaly score.
 */
public interface AnomalyService {

    /** Anomalies whose window starts in [from, to) scoring at least {@code minScore}, newest first. */
    List<Anomaly> list(Instant from, Instant to, double minScore, int max);

    Optional<Anomaly> find(String id);

    /** Marks the anomaly as seen; false if there is none with this id. */
    boolean acknowledge(String id);

    /** Marks the anomaly as a false positive and teaches its detector that such values are normal. */
    boolean markFalsePositive(String id);

    /** The system anomaly score over {@code logwarden.anomaly.system-score-period} up to now. */
    SystemAnomalyScore systemScore();
}
