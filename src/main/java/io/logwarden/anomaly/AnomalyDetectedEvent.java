package io.logwarden.anomaly;

/** Spring application event published for every anomaly a detector cycle records (alerts consume it). */
public record AnomalyDetectedEvent(Anomaly anomaly) {
}
