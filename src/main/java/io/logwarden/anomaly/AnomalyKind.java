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
    MULTIVARIATE;

    /**
     * The kind's name wherever it leaves Java: in anomaly documents ({@code detector}), in alert signals and in
     * queries, e.g. {@code duration}, {@code error_rate}.
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of an {@link #id()} (case-insensitive). */
    public static AnomalyKind ofId(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
