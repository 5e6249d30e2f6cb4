package io.logwarden.anomaly;

import io.logwarden.security.Roles;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the UI and the API need of anomaly detection: anomalies of a time range, review actions (a false positive
 * feeds back into the detector's baseline) and the system anomaly score. Every method answers within the calling
 * user's scope (services and tenants), applied in the query sent to Elasticsearch.
 */
public interface AnomalyService {

    /** Roles that may read anomalies (each within their scope). */
    String READ = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ANALYST + "','" + Roles.OPERATIONS + "','"
            + Roles.COMPLIANCE + "','" + Roles.VIEWER + "')";
    /** Roles that may acknowledge anomalies and mark them as false positives. */
    String REVIEW = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ANALYST + "','" + Roles.OPERATIONS + "')";

    /**
     * Anomalies active in [from, to) (their window overlaps it: an ongoing silence or stuck run started earlier
     * counts) scoring at least {@code minScore}, latest first.
     */
    List<Anomaly> list(Instant from, Instant to, double minScore, int max);

    Optional<Anomaly> find(String id);

    /** Marks the anomaly as seen; false if there is none with this id in the caller's scope. */
    boolean acknowledge(String id);

    /**
     * Marks the anomaly as a false positive; its detector learns that such values are normal at its next cycle. The
     * result carries {@link Learning#PENDING} until then, and afterwards (via {@link #find}) whether it was learned.
     * Empty if there is no such anomaly in the caller's scope.
     */
    Optional<Anomaly> markFalsePositive(String id);

    /** The system anomaly score over {@code logwarden.anomaly.system-score-period} up to now. */
    SystemAnomalyScore systemScore();

    /** The system anomaly score of the anomalies active in [from, to) (e.g. a dashboard's time range). */
    SystemAnomalyScore systemScore(Instant from, Instant to);

    /** Whether the calling user may acknowledge and mark false positives. */
    boolean mayReview();
}
