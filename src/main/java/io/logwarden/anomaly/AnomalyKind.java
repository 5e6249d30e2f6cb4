package io.logwarden.anomaly;

/** What a detector looked at. */
public enum AnomalyKind {
    /** Durations of an action far outside their learned distribution. */
    DURATION,
    /** Error rate of a service significantly above its baseline, given the volume. */
    ERROR_RATE,
    /** A job run past what its history says is normal, or whose heartbeats stopped. */
    STUCK_JOB,
    /** A source that usually sends events and has gone quiet. */
    SILENT_SOURCE,
    /** An unusual combination of per-window features (isolation forest). */
    MULTIVARIATE
}
