package io.logwarden.anomaly;

/** Review state of an anomaly. A false positive feeds back into the detector's baseline. */
public enum AnomalyStatus {
    OPEN, ACKNOWLEDGED, FALSE_POSITIVE
}
