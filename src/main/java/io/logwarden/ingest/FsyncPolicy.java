package io.logwarden.ingest;

/** When the journal forces appended records to disk. */
public enum FsyncPolicy {
    /**
     * Group commit: a background fsync at most every {@code fsync-interval} while there are unsynced records, and
     * an immediate group fsync for callers that wait for durability (HTTP ingest). The default.
     */
    BATCH,
    /** Every append waits for an fsync covering it (shared with concurrent appends). Slowest, strictest. */
    ALWAYS,
    /** Never fsync; rely on the OS page cache. Records survive a process crash but not a power loss. */
    NONE
}
