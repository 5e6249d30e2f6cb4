package io.logwarden.ingest.internal;

import io.logwarden.health.IngestStatus;
import io.logwarden.ingest.internal.journal.DiskJournal;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** Tells health the journal lag (in records, estimated from bytes) and when a line was last received. */
@Component
class IngestHealthStatus implements IngestStatus {

    private final DiskJournal journal;
    private final IngestMetrics metrics;

    IngestHealthStatus(DiskJournal journal, IngestMetrics metrics) {
        this.journal = journal;
        this.metrics = metrics;
    }

    @Override
    public Optional<Long> journalLag() {
        return Optional.of(metrics.estimateRecords(journal.endPosition() - journal.checkpoint()));
    }

    @Override
    public Optional<Instant> lastEventReceived() {
        long last = metrics.lastReceivedMillis();
        return last == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
    }
}
