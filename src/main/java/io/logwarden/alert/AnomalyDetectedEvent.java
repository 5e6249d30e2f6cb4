package io.logwarden.alert;

import java.time.Instant;

/**
 * Spring application event for ANOMALY rules: published by the anomaly feature when it scores an anomaly.
 * Defined here until the anomaly feature publishes its own type; it then only needs to map to this one.
 *
 * @param timestamp  when the anomaly was observed
 * @param detector   detector name
 * @param entity     what is anomalous (service, user, ...): the alert group
 * @param score      0-100
 * @param severity   detector's severity
 * @param explanation short text
 * @param serviceName service the anomaly belongs to (for the rule scope), may be null
 * @param organizationId tenant (for the rule scope), may be null
 */
public record AnomalyDetectedEvent(Instant timestamp, String detector, String entity, double score, Severity severity,
                                   String explanation, String serviceName, String organizationId) {
}
