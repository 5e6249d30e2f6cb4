package io.logwarden.analytics;

import java.time.Instant;

/**
 * An anomaly drawn over a time-series chart: a shaded window and a marker, linking to the Anomalies view.
 *
 * @param id       the anomaly's id
 * @param kind     which detector found it ({@code DURATION}, {@code ERROR_RATE}, {@code SILENT_SOURCE}, ...)
 * @param service  the service it concerns, may be null
 * @param entity   the entity's own name (service, action, job or host)
 * @param from     window start
 * @param to       window end
 * @param score    0-100
 * @param severity low, medium or high
 * @param label    one line for a tooltip: entity and explanation
 */
public record AnomalyMark(String id, String kind, String service, String entity, Instant from, Instant to,
                          double score, String severity, String label) {

    /** Where a click on the mark leads. */
    public String link() {
        return "anomalies?id=" + id;
    }
}
