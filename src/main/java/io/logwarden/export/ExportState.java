package io.logwarden.export;

/** Life cycle of an export job. */
public enum ExportState {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELED, EXPIRED;

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}
