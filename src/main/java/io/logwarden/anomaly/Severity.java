package io.logwarden.anomaly;

/** Severity band of an anomaly score; thresholds come from {@link AnomalyProperties}. */
public enum Severity {
    LOW, MEDIUM, HIGH;

    /** Band of {@code score} (0-100): low below {@code medium}, high from {@code high} on. */
    public static Severity of(double score, double medium, double high) {
        if (score >= high) {
            return HIGH;
        }
        return score >= medium ? MEDIUM : LOW;
    }
}
