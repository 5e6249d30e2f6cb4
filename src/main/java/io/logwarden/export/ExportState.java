package io.logwarden.export;

/** Life cycle of an export job. */
public enum ExportState {
    QUEUED,
    RUNNING,
    /** Elasticsearch failed for a while; the job retries from its last checkpoint on its own. */
    PAUSED,
    COMPLETED, FAILED, CANCELED,
    /** Completed, and the file deleted after {@code logwarden.export.file-retention}; the signed manifest stays. */
    EXPIRED;

    public boolean finished() {
        return this != QUEUED && this != RUNNING && this != PAUSED;
    }
}
