package io.logwarden.alert;

import java.time.Instant;

/**
 * An anomaly as ANOMALY rules see it: mapped from the anomaly feature's {@code anomaly.AnomalyDetectedEvent} by the
 * alert feature's signal bridge (anomalies scored on this instance) and from the anomaly records in
 * {@code logwarden-anomalies-*} (any instance).
 *
 * @param timestamp      when the anomaly was observed
 * @param detector       detector name, as stored in anomaly documents ({@code AnomalyKind.id()}, e.g. {@code duration})
 * @param entity         what is anomalous (service, action, job, host key): the alert group
 * @param score          0-100
 * @param severity       detector's severity band (LOW, MEDIUM, HIGH), may be null when unknown
 * @param explanation    short text
 * @param serviceName    service the anomaly belongs to (for the rule scope), may be null
 * @param organizationId tenant (for the rule scope), may be null
 * @param id             the anomaly's id (links point at it), may be null
 */
public record AnomalyDetectedEvent(Instant timestamp, String detector, String entity, double score, Severity severity,
                                   String explanation, String serviceName, String organizationId, String id) {

    public AnomalyDetectedEvent(Instant timestamp, String detector, String entity, double score, Severity severity,
                                String explanation, String serviceName, String organizationId) {
        this(timestamp, detector, entity, score, severity, explanation, serviceName, organizationId, null);
    }
}
