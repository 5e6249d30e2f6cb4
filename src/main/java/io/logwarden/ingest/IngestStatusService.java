package io.logwarden.ingest;

/** Current state of ingestion, for the Admin UI and health reporting. */
public interface IngestStatusService {

    IngestStatus current();
}
