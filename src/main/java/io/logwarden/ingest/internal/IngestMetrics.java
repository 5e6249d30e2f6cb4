package io.logwarden.ingest.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.logwarden.ingest.internal.journal.DiskJournal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Ingest meters under {@code logwarden.ingest.*} (Prometheus: {@code logwarden_ingest_*}). */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> flagged = new ConcurrentHashMap<>();
    private final Counter journaled;
    private final Counter indexed;
    private final Counter deadLettered;
    private final Counter journalFull;
    private final Counter bulkRetries;
    private final Timer bulkLatency;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.journaled = Counter.builder("logwarden.ingest.journaled").description("Events appended to the journal")
                .register(registry);
        this.indexed = Counter.builder("logwarden.ingest.indexed").description("Events indexed in Elasticsearch")
                .register(registry);
        this.deadLettered = Counter.builder("logwarden.ingest.deadlettered")
                .description("Lines or documents written to the dead-letter index").register(registry);
        this.journalFull = Counter.builder("logwarden.ingest.journal.full")
                .description("Times an input had to wait or was refused because the journal was full").register(registry);
        this.bulkRetries = Counter.builder("logwarden.ingest.bulk.retries")
                .description("Temporary bulk failures followed by a replay from the checkpoint").register(registry);
        this.bulkLatency = Timer.builder("logwarden.ingest.bulk.latency").description("Bulk request round trips")
                .register(registry);
    }

    /** Gauges over the journal: size on disk and lag (bytes appended but not yet shipped). */
    public void bindJournal(DiskJournal journal) {
        Gauge.builder("logwarden.ingest.journal.size", journal, DiskJournal::sizeBytes).baseUnit("bytes")
                .description("Journal bytes on disk").register(registry);
        Gauge.builder("logwarden.ingest.journal.lag", journal, j -> j.endPosition() - j.checkpoint())
                .baseUnit("bytes").description("Journal bytes not yet confirmed by Elasticsearch").register(registry);
        Gauge.builder("logwarden.ingest.journal.corrupt", journal, DiskJournal::corruptRecords)
                .description("Corrupt journal records skipped").register(registry);
    }

    public void received(String transport, int lines) {
        received.computeIfAbsent(transport, t -> Counter.builder("logwarden.ingest.received")
                .description("Input lines received").tag("transport", t).register(registry)).increment(lines);
    }

    public void rejected(String transport, String reason) {
        rejected.computeIfAbsent(transport + "/" + reason, k -> Counter.builder("logwarden.ingest.rejected")
                .description("Input lines rejected, by reason").tag("transport", transport).tag("reason", reason)
                .register(registry)).increment();
    }

    public void flagged(String flag) {
        flagged.computeIfAbsent(flag, f -> Counter.builder("logwarden.ingest.flagged")
                .description("Accepted events with a data-quality flag").tag("flag", f).register(registry)).increment();
    }

    public void journaled(int events) {
        journaled.increment(events);
    }

    public void indexed(int events) {
        indexed.increment(events);
    }

    public void deadLettered(int count) {
        deadLettered.increment(count);
    }

    public void journalFull() {
        journalFull.increment();
    }

    public void bulkRetry() {
        bulkRetries.increment();
    }

    public Timer bulkLatency() {
        return bulkLatency;
    }
}
