package io.logwarden.storage;

import java.time.Instant;
import java.util.List;

/** Reads scored anomalies from {@code logwarden-anomalies-*}, always within a scope filter. */
public interface AnomalyScores {

    /**
     * One anomaly record.
     *
     * @param timestamp   when
     * @param detector    detector name
     * @param entity      {@code entity.id}
     * @param score       0-100
     * @param explanation text
     * @param serviceName {@code service.name}
     * @param id          the anomaly's id (for links to it)
     * @param severity    the detector's severity band (low, medium, high)
     */
    record Anomaly(Instant timestamp, String detector, String entity, double score, String explanation,
                   String serviceName, String id, String severity) {
    }

    /**
     * The highest-scored anomalies active in [{@code from}, {@code to}) (window overlapping it) inside {@code scope},
     * false positives excluded, best first, at most {@code max}.
     */
    List<Anomaly> top(ScopeFilter scope, Instant from, Instant to, int max);
}
