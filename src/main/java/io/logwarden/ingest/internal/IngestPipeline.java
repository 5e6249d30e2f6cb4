package io.logwarden.ingest.internal;

import io.logwarden.event.CanonicalEvent;
import io.logwarden.event.EventNormalizer;
import io.logwarden.event.NormalizationResult;
import io.logwarden.event.RejectReason;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Transport-independent core: normalises lines into journal entries and appends them. Every line gets exactly one
 * outcome, whatever the line does to the normaliser: an event, or a dead-letter entry with a reason. Outcomes are
 * counted only once the batch is in the journal, so lines a client must resend (HTTP 503) are not counted twice.
 */
public final class IngestPipeline {

    /** Reason of a line whose normalisation threw: a bug to fix, but the line is kept and the batch survives. */
    public static final String NORMALIZATION_FAILED = "normalization_failed";
    /** Reason of an event whose journal entry would exceed the journal's record limit. */
    public static final String EVENT_TOO_LARGE = "event_too_large";
    /** The record limit of {@code JournalSettings.defaults}, for pipelines built without an explicit one. */
    private static final int DEFAULT_MAX_ENTRY_BYTES = 2 << 20;
    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    /** Normalises one line; {@link EventNormalizer#normalize(byte[], int, int, Instant)} in production. */
    @FunctionalInterface
    interface LineNormalizer {
        NormalizationResult normalize(byte[] buf, int off, int len, Instant receivedAt);
    }

    private final LineNormalizer normalizer;
    private final DiskJournal journal;
    private final IngestMetrics metrics;
    private final int maxEntryBytes;
    private volatile long lastFailureLog = System.nanoTime() - LOG_EVERY_NANOS;

    /** A pipeline over a journal with the default record limit (tests and benchmarks). */
    public IngestPipeline(EventNormalizer normalizer, DiskJournal journal, IngestMetrics metrics) {
        this(normalizer, journal, metrics, DEFAULT_MAX_ENTRY_BYTES);
    }

    /** @param maxEntryBytes the journal's record limit; larger entries are dead-lettered instead */
    public IngestPipeline(EventNormalizer normalizer, DiskJournal journal, IngestMetrics metrics, int maxEntryBytes) {
        this((LineNormalizer) normalizer::normalize, journal, metrics, maxEntryBytes);
    }

    IngestPipeline(LineNormalizer normalizer, DiskJournal journal, IngestMetrics metrics, int maxEntryBytes) {
        this.normalizer = normalizer;
        this.journal = journal;
        this.metrics = metrics;
        this.maxEntryBytes = maxEntryBytes;
    }

    public Batch newBatch(String transport) {
        return new Batch(transport, transport);
    }

    /**
     * A batch whose dead letters also name the sender: {@code source = "<transport>/<sender>"}, the sender being
     * the API key id over HTTP and the remote address over TCP.
     */
    public Batch newBatch(String transport, String source) {
        return new Batch(transport, source);
    }

    public DiskJournal journal() {
        return journal;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** Why a line did not become an event: a stable reason code and a short explanation. */
    public record Rejection(String reason, String detail) {

        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }

    /** Lines of one read (TCP) or one request chunk (HTTP), appended to the journal together. */
    public final class Batch {
        private final String transport;
        private final String source;
        private final List<byte[]> entries = new ArrayList<>();
        private final List<String> rejectedReasons = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();
        private long bytes;
        private int lines;
        private int accepted;

        private Batch(String transport, String source) {
            this.transport = transport;
            this.source = source;
        }

        /** Normalises one line; returns the rejection, or {@code null} when the line became an event. */
        public Rejection add(byte[] buf, int off, int len) {
            Instant now = Instant.now();
            lines++;
            NormalizationResult result;
            try {
                result = normalizer.normalize(buf, off, len, now);
            } catch (RuntimeException e) {
                logFailure(e);
                return deadLetter(new Rejection(NORMALIZATION_FAILED, e.toString()), buf, off, len, len, now);
            }
            switch (result) {
                case NormalizationResult.Accepted(CanonicalEvent event) -> {
                    long size = JournalEntry.eventSize(event.json().length, len);
                    if (size > maxEntryBytes) {
                        return deadLetter(new Rejection(EVENT_TOO_LARGE, "the normalised event needs " + size
                                + " bytes in the journal, more than its record limit of " + maxEntryBytes),
                                buf, off, len, len, now);
                    }
                    byte[] entry = JournalEntry.event(event.timestamp(), now, event.json(), buf, off, len);
                    entries.add(entry);
                    bytes += entry.length;
                    flags.addAll(event.flags());
                    accepted++;
                    return null;
                }
                case NormalizationResult.Rejected(RejectReason reason, String detail) -> {
                    return deadLetter(new Rejection(reason.code(), detail), buf, off, len, len, now);
                }
            }
        }

        /** Records a line that exceeded the maximum size; {@code prefix} is its beginning. */
        public Rejection addOversized(byte[] prefix, int prefixLen, long totalLength, long max) {
            lines++;
            Rejection rejected = new Rejection(RejectReason.LINE_TOO_LONG.code(),
                    "line of " + totalLength + " bytes exceeds the maximum of " + max);
            return deadLetter(rejected, prefix, 0, prefixLen, (int) Math.min(Integer.MAX_VALUE, totalLength),
                    Instant.now());
        }

        private Rejection deadLetter(Rejection rejected, byte[] buf, int off, int len, int total, Instant now) {
            byte[] entry = JournalEntry.deadLetter(now, rejected.reason(), rejected.detail(), source,
                    buf, off, len, total);
            entries.add(entry);
            bytes += entry.length;
            rejectedReasons.add(rejected.reason());
            return rejected;
        }

        /** Non-blank lines added since the last commit. */
        public int lines() {
            return lines;
        }

        /** Journal bytes the batch would append now. */
        public long bytes() {
            return bytes;
        }

        /**
         * Appends the batch to the journal, waiting up to {@code maxWait} for space, and counts its outcomes;
         * returns the journal position to pass to {@link #awaitDurable}. The batch is empty afterwards. When the
         * journal stays full it throws and keeps the batch (commit again, or {@link #discard}).
         */
        public long commit(Duration maxWait) throws IOException, InterruptedException, JournalFullException {
            if (entries.isEmpty()) {
                return journal.endPosition();
            }
            long end;
            try {
                end = journal.append(entries, maxWait);
            } catch (JournalFullException e) {
                metrics.journalFull();
                throw e;
            }
            metrics.received(transport, lines);
            metrics.journaled(accepted);
            metrics.appended(entries.size(), bytes);
            rejectedReasons.forEach(reason -> metrics.rejected(transport, reason));
            flags.forEach(metrics::flagged);
            clear();
            return end;
        }

        /** Forgets the batch; counts its lines as received and dropped unless the sender will resend them. */
        public void discard(String reason, boolean senderResends) {
            if (!senderResends && lines > 0) {
                metrics.received(transport, lines);
                metrics.dropped(transport, reason, lines);
            }
            clear();
        }

        private void clear() {
            entries.clear();
            rejectedReasons.clear();
            flags.clear();
            bytes = 0;
            lines = 0;
            accepted = 0;
        }
    }

    private void logFailure(RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastFailureLog >= LOG_EVERY_NANOS) {
            lastFailureLog = now;
            log.error("Normalising an input line failed; the line is dead-lettered as {} (further failures in the "
                    + "next 10 s are only counted)", NORMALIZATION_FAILED, e);
        }
    }

    public void awaitDurable(long position) throws IOException, InterruptedException {
        journal.awaitDurable(position);
    }
}
