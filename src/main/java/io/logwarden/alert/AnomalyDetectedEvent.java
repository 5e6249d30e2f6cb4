package io.logwarden.alert;

import java.time.Instant;

/**
 * Spring application event for ANOMALY rules, mapped from the anomaly feature's own
 * {@code io.logwarden.anomaly.AnomalyDetectedEvent} by the alert feature's signal bridge.
 *
 * @param timestamp  when the anomaly was observed
 * @param detector   detector name, as stored in anomaly documents ({@code AnomalyKind.id()}, e.g. {@code duration})
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
