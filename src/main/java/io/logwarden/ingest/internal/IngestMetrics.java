package io.logwarden.ingest.internal;

import io.logwarden.ingest.internal.journal.DiskJournal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Ingest meters under {@code logwarden.ingest.*} (Prometheus: {@code logwarden_ingest_*}). They balance:
 * {@code received = journaled + rejected + dropped} on the input side (per transport), and once the journal lag is
 * zero {@code journaled = indexed + deadlettered{kind="event"}} and {@code rejected = deadlettered{kind="line"}}
 * for what this process journaled. Shipping outcomes are counted once per journal position, however often a
 * record is replayed.
 */
public final class IngestMetrics {

    /** What a dead-letter document stands for: its {@code kind} tag. */
    public enum DeadLetterKind {
        /** An input line that never became an event (counted in {@code rejected} too). */
        LINE("line"),
        /** An event Elasticsearch refused (counted in {@code refused} too). */
        EVENT("event"),
        /** A journal record that could not be decoded (counted in {@code unreadable} too). */
        UNREADABLE("unreadable");

        private final String tag;

        DeadLetterKind(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** Why a TCP connection may drop lines it read (registered up front so every series is scraped from start). */
    public static final java.util.List<String> TCP_DROP_REASONS = java.util.List.of("journal_full_at_shutdown",
            "journal_error", "interrupted", "internal_error");

    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Map<String, Counter> flagged = new ConcurrentHashMap<>();
    private final Map<DeadLetterKind, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Counter journaled;
    private final Counter indexed;
    private final Counter unreadable;
    private final Counter deadLetterRefusals;
    private final Counter journalFull;
    private final Counter bulkRetries;
    private final Counter connectionsRefused;
    private final Timer bulkLatency;
    private final AtomicLong lastReceivedMillis = new AtomicLong();
    private final AtomicLong appendedRecords = new AtomicLong();
    private final AtomicLong appendedBytes = new AtomicLong();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.journaled = Counter.builder("logwarden.ingest.journaled").description("Events appended to the journal")
                .register(registry);
        this.indexed = Counter.builder("logwarden.ingest.indexed")
                .description("Events Elasticsearch confirmed, once per journal position").register(registry);
        for (DeadLetterKind kind : DeadLetterKind.values()) {
            deadLettered.put(kind, Counter.builder("logwarden.ingest.deadlettered")
                    .description("Documents written to the dead-letter index, once per journal position")
                    .tag("kind", kind.tag()).register(registry));
        }
        this.unreadable = Counter.builder("logwarden.ingest.unreadable")
                .description("Journal records that could not be decoded (dead-lettered as raw bytes)").register(registry);
        this.deadLetterRefusals = Counter.builder("logwarden.ingest.deadletter.refusals")
                .description("Times Elasticsearch refused a dead-letter document (shipping pauses and retries)")
                .register(registry);
        this.journalFull = Counter.builder("logwarden.ingest.journal.full")
                .description("Times an input had to wait or was refused because the journal was full").register(registry);
        this.bulkRetries = Counter.builder("logwarden.ingest.bulk.retries")
                .description("Temporary bulk failures followed by a replay from the checkpoint").register(registry);
        this.connectionsRefused = Counter.builder("logwarden.ingest.tcp.connections.refused")
                .description("TCP connections closed at once because max-connections were open").register(registry);
        this.bulkLatency = Timer.builder("logwarden.ingest.bulk.latency").description("Bulk request round trips")
                .register(registry);
        TCP_DROP_REASONS.forEach(reason -> dropped("tcp", reason, 0));
        Gauge.builder("logwarden.ingest.last.received", lastReceivedMillis, m -> m.get() / 1000.0)
                .baseUnit("seconds").description("Epoch seconds of the last input line received (0: none yet)")
                .register(registry);
    }

    /** Gauges over the journal: size on disk, lag (bytes appended but not yet shipped), corrupt records. */
    public void bindJournal(DiskJournal journal) {
        Gauge.builder("logwarden.ingest.journal.size", journal, DiskJournal::sizeBytes).baseUnit("bytes")
                .description("Journal bytes on disk").register(registry);
        Gauge.builder("logwarden.ingest.journal.lag", journal, j -> j.endPosition() - j.checkpoint())
                .baseUnit("bytes").description("Journal bytes not yet confirmed by Elasticsearch").register(registry);
        Gauge.builder("logwarden.ingest.journal.corrupt", journal, DiskJournal::corruptRecords)
                .description("Corrupt journal records skipped").register(registry);
    }

    /** Gauge of the open TCP input connections. */
    public void bindTcpConnections(IntSupplier open) {
        Gauge.builder("logwarden.ingest.tcp.connections", open, s -> s.getAsInt()).strongReference(true)
                .description("Open TCP input connections").register(registry);
    }

    public void received(String transport, int lines) {
        counter(received, transport, () -> Counter.builder("logwarden.ingest.received")
                .description("Input lines received (blank keep-alive lines excluded)").tag("transport", transport))
                .increment(lines);
        lastReceivedMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
    }

    public void rejected(String transport, String reason) {
        counter(rejected, transport + "/" + reason, () -> Counter.builder("logwarden.ingest.rejected")
                .description("Input lines that did not become events (dead-lettered), by reason")
                .tag("transport", transport).tag("reason", reason)).increment();
    }

    /** Lines read but neither journaled nor dead-lettered (a TCP connection cut at shutdown with a full journal). */
    public void dropped(String transport, String reason, int lines) {
        counter(dropped, transport + "/" + reason, () -> Counter.builder("logwarden.ingest.dropped")
                .description("Input lines read but neither journaled nor dead-lettered, by reason")
                .tag("transport", transport).tag("reason", reason)).increment(lines);
    }

    /** An event Elasticsearch refused for good, by its error type. */
    public void refused(String reason) {
        counter(refused, reason, () -> Counter.builder("logwarden.ingest.refused")
                .description("Events Elasticsearch refused (dead-lettered), by error type").tag("reason", reason))
                .increment();
    }

    public void flagged(String flag) {
        counter(flagged, flag, () -> Counter.builder("logwarden.ingest.flagged")
                .description("Accepted events with a data-quality flag").tag("flag", flag)).increment();
    }

    public void journaled(int events) {
        journaled.increment(events);
    }

    /** Journal records (events and dead letters) appended in one batch and their payload bytes. */
    public void appended(int records, long bytes) {
        appendedRecords.addAndGet(records);
        appendedBytes.addAndGet(bytes);
    }

    /**
     * Journal records in {@code bytes} of journal, estimated from the average record appended since start (1 KiB
     * before the first): the journal counts bytes, and counting the records of a backlog found at start would
     * mean reading it twice.
     */
    public long estimateRecords(long bytes) {
        if (bytes <= 0) {
            return 0;
        }
        long records = appendedRecords.get();
        double average = records == 0 ? 1024 : (double) appendedBytes.get() / records + 8; // + record header
        return Math.max(1, Math.round(bytes / average));
    }

    public void indexed(int events) {
        indexed.increment(events);
    }

    public void deadLettered(DeadLetterKind kind, int count) {
        deadLettered.get(kind).increment(count);
    }

    public void unreadable() {
        unreadable.increment();
    }

    public void deadLetterRefused() {
        deadLetterRefusals.increment();
    }

    public void journalFull() {
        journalFull.increment();
    }

    public void bulkRetry() {
        bulkRetries.increment();
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public Timer bulkLatency() {
        return bulkLatency;
    }

    /** Epoch millis of the last input line received, 0 when none since start. */
    public long lastReceivedMillis() {
        return lastReceivedMillis.get();
    }

    private Counter counter(Map<String, Counter> cache, String key,
                            java.util.function.Supplier<Counter.Builder> builder) {
        Counter c = cache.get(key);
        return c != null ? c : cache.computeIfAbsent(key, k -> builder.get().register(registry));
    }
}
