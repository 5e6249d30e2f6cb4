package io.logwarden.anomaly;

/** What became of a false-positive mark: the detector learns it at its next cycle, on whichever instance runs it. */
public enum Learning {
    /** Not marked as a false positive. */
    NONE,
    /** Marked; the detector has not taken it in yet. */
    PENDING,
    /** The detector learned that such values are normal. */
    LEARNED,
    /** The detector could not learn it; the anomaly's learning note says why. */
    NOT_LEARNED
}
