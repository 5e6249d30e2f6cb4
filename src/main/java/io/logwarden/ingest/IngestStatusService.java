package io.logwarden.ingest;

/** Current state of ingestion, for the Admin UI (ADMIN only). */
public interface IngestStatusService {

    IngestStatus current();
}
