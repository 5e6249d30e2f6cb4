package io.logwarden.alert;

/** What a rule watches. */
public enum RuleKind {
    /** Any event matching {@code query} in the window (count above {@code threshold}, default 0). */
    QUERY_MATCH,
    /** More than {@code threshold} events matching {@code query} in the window, per {@code groupBy} value. */
    COUNT_THRESHOLD,
    /** Share of events matching {@code errorQuery} among those matching {@code query} above {@code threshold} %. */
    ERROR_RATE,
    /** No event matching {@code query} in the window (per group: groups seen in the baseline window but not now). */
    ABSENCE,
    /** An anomaly with score at or above {@code threshold} (0-100) reported by the anomaly detectors. */
    ANOMALY,
    /** A health component reported degraded (or slow queries above threshold) and not yet recovered. */
    HEALTH
}
