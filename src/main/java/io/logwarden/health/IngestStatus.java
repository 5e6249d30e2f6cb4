package io.logwarden.health;

import java.time.Instant;
import java.util.Optional;

/**
 * What the ingest feature tells health about itself. Ingest provides a bean of this type; without one, health reads
 * the newest {@code event.ingested} from Elasticsearch and reports the journal lag as unknown.
 */
public interface IngestStatus {

    /** Events accepted into the journal but not yet indexed; empty when unknown or journalling is off. */
    Optional<Long> journalLag();

    /** When the last event was received on any input; empty when none since start. */
    Optional<Instant> lastEventReceived();
}
