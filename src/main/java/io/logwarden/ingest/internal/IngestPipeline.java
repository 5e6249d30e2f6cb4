package io.logwarden.ingest.internal;

import io.logwarden.event.CanonicalEvent;
import io.logwarden.event.EventNormalizer;
import io.logwarden.event.NormalizationResult;
import io.logwarden.event.RejectReason;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalFullException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Transport-independent core: normalises lines into journal entries and appends them. Rejected lines become
 * dead-letter entries, so nothing is dropped silently.
 */
public final class IngestPipeline {

    private final EventNormalizer normalizer;
    private final DiskJournal journal;
    private final IngestMetrics metrics;

    public IngestPipeline(EventNormalizer normalizer, DiskJournal journal, IngestMetrics metrics) {
        this.normalizer = normalizer;
        this.journal = journal;
        this.metrics = metrics;
    }

    public Batch newBatch(String transport) {
        return new Batch(transport, transport);
    }

    /** A batch whose dead letters also name the sender, e.g. the API key id: {@code source = "http/<key id>"}. */
    public Batch newBatch(String transport, String source) {
        return new Batch(transport, source);
    }

    public DiskJournal journal() {
        return journal;
    }

    /** Lines of one read (TCP) or one request chunk (HTTP), appended to the journal together. */
    public final class Batch {
        private final String transport;
        private final String source;
        private final List<byte[]> entries = new ArrayList<>();
        private int lines;
        private int accepted;

        private Batch(String transport, String source) {
            this.transport = transport;
            this.source = source;
        }

        /** Normalises one line; returns the rejection, or {@code null} when the line became an event. */
        public NormalizationResult.Rejected add(byte[] buf, int off, int len) {
            Instant now = Instant.now();
            lines++;
            NormalizationResult result = normalizer.normalize(buf, off, len, now);
            switch (result) {
                case NormalizationResult.Accepted(CanonicalEvent event) -> {
                    entries.add(JournalEntry.event(event.timestamp(), event.json()));
                    event.flags().forEach(metrics::flagged);
                    accepted++;
                    return null;
                }
                case NormalizationResult.Rejected rejected -> {
                    deadLetter(rejected, buf, off, len, len, now);
                    return rejected;
                }
            }
        }

        /** Records a line that exceeded the maximum size; {@code prefix} is its beginning. */
        public NormalizationResult.Rejected addOversized(byte[] prefix, int prefixLen, long totalLength, long max) {
            lines++;
            NormalizationResult.Rejected rejected = new NormalizationResult.Rejected(RejectReason.LINE_TOO_LONG,
                    "line of " + totalLength + " bytes exceeds the maximum of " + max);
            deadLetter(rejected, prefix, 0, prefixLen, (int) Math.min(Integer.MAX_VALUE, totalLength), Instant.now());
            return rejected;
        }

        private void deadLetter(NormalizationResult.Rejected rejected, byte[] buf, int off, int len, int total,
                                Instant now) {
            metrics.rejected(transport, rejected.reason().code());
            entries.add(JournalEntry.deadLetter(now, rejected.reason().code(), rejected.detail(), source,
                    buf, off, len, total));
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        public int accepted() {
            return accepted;
        }

        public int lines() {
            return lines;
        }

        /**
         * Appends the batch to the journal, waiting up to {@code maxWait} for space; returns the journal position
         * to pass to {@link #awaitDurable}. The batch is empty afterwards.
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
            entries.clear();
            lines = 0;
            accepted = 0;
            return end;
        }
    }

    public void awaitDurable(long position) throws IOException, InterruptedException {
        journal.awaitDurable(position);
    }
}
