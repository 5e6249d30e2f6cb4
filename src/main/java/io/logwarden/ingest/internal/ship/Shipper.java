package io.logwarden.ingest.internal.ship;

import io.logwarden.ingest.internal.IngestMetrics;
import io.logwarden.ingest.internal.JournalEntry;
import io.logwarden.ingest.internal.ShippingProcess;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalReader;
import io.logwarden.ingest.internal.journal.JournalRecord;
import io.logwarden.storage.EventBulkWriter;
import io.logwarden.storage.EventBulkWriters;
import io.logwarden.storage.EventFamily;
import io.logwarden.storage.IndexNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads durable journal records, bulk-indexes them with deterministic ids and checkpoints the journal only up to
 * records Elasticsearch confirmed (indexed, or dead-lettered). On any temporary failure it waits for in-flight
 * requests, backs off and replays from the oldest unconfirmed record; ids make the replay idempotent, and outcomes
 * are counted once per journal position ({@link FirstConfirmations}). A dead letter Elasticsearch refuses is a
 * temporary failure too: shipping pauses and retries rather than lose it.
 */
public final class Shipper implements ShippingProcess {

    private static final Logger log = LoggerFactory.getLogger(Shipper.class);
    private static final long CHECKPOINT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final DiskJournal journal;
    private final EventBulkWriters writers;
    private final EventBulkWriter.Settings bulk;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final IngestMetrics metrics;
    private final Map<Long, JournalEntry> inFlight = new ConcurrentHashMap<>();
    /** Refused events whose dead letter is in flight, with Elasticsearch's error type. */
    private final Map<Long, String> deadLetteredEvents = new ConcurrentHashMap<>();
    /** Journal records that could not be decoded and whose raw-bytes dead letter is in flight. */
    private final Set<Long> unreadable = ConcurrentHashMap.newKeySet();
    private final FirstConfirmations firstConfirmations = new FirstConfirmations();
    private final Queue<EventBulkWriter.Result> refused = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean retry = new AtomicBoolean();
    private volatile boolean running;
    private volatile long backoffMillis;
    private volatile String lastError;
    private Thread thread;
    private PendingTickets tickets;

    public Shipper(DiskJournal journal, EventBulkWriters writers, EventBulkWriter.Settings bulk, Duration minBackoff,
                   Duration maxBackoff, IngestMetrics metrics) {
        this.journal = journal;
        this.writers = writers;
        this.bulk = bulk;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("journal-shipper").daemon().start(this::run);
    }

    /** The last temporary failure, or null once shipping works again. */
    @Override
    public String lastError() {
        return lastError;
    }

    private void run() {
        while (running) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.error("Journal shipper failed; restarting from the checkpoint in {}", maxBackoff, e);
                lastError = e.toString();
                try {
                    Thread.sleep(maxBackoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void runOnce() {
        long start = journal.checkpoint();
        if (tickets != null) {
            firstConfirmations.replaying(start, tickets.pendingPositions(), tickets.sentUpTo());
        }
        forgetInFlight();
        retry.set(false);
        tickets = new PendingTickets(start);
        long lastCheckpoint = System.nanoTime();
        try (JournalReader reader = journal.reader(start);
             EventBulkWriter writer = writers.open(bulk, new ResultListener())) {
            while (running) {
                if (retry.get()) {
                    replay(writer, reader);
                    continue;
                }
                deadLetterRefused(writer);
                if (System.nanoTime() - lastCheckpoint > CHECKPOINT_EVERY_NANOS) {
                    checkpoint();
                    lastCheckpoint = System.nanoTime();
                }
                List<JournalRecord> records = reader.poll(bulk.maxOperations(), (int) Math.min(Integer.MAX_VALUE, bulk.maxBytes()));
                if (records.isEmpty()) {
                    Thread.sleep(10);
                    continue;
                }
                for (JournalRecord record : records) {
                    send(writer, record);
                }
            }
            writer.flush();
            awaitIdle(writer, Duration.ofSeconds(30));
            deadLetterRefused(writer);
            writer.flush();
            awaitIdle(writer, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            checkpoint();
        }
    }

    private void send(EventBulkWriter writer, JournalRecord record) {
        long ticket = record.position();
        String id = DocumentIds.of(journal.journalId(), ticket);
        JournalEntry entry;
        try {
            entry = JournalEntry.decode(record.payload());
        } catch (RuntimeException e) {
            sendUnreadable(writer, record, id, e);
            return;
        }
        inFlight.put(ticket, entry);
        tickets.sent(ticket, record.nextPosition());
        switch (entry) {
            case JournalEntry.Event event -> {
                String index = eventsIndex(event);
                writer.add(index, id, event.buffer(), event.jsonOffset(), event.jsonLength(), ticket);
            }
            case JournalEntry.DeadLetter dead -> {
                byte[] doc = DeadLetterDocuments.ofLine(dead);
                writer.add(deadLetterIndex(dead.receivedMillis()), id, doc, 0, doc.length, ticket);
            }
        }
    }

    /** Application logs and audit events go to separate daily families (docs/decisions/080). */
    private static String eventsIndex(JournalEntry.Event event) {
        return EventFamily.indexOf(event.buffer(), event.jsonOffset(), event.jsonLength(), event.timestampMillis());
    }

    /** Dead letters go to the day they were received, which the journal keeps: a replay rewrites the same index. */
    private static String deadLetterIndex(long receivedMillis) {
        return IndexNames.daily(IndexNames.DEAD_LETTER, Instant.ofEpochMilli(receivedMillis));
    }

    /** A record whose checksum held but whose content is not an entry: its raw bytes become a dead letter. */
    private void sendUnreadable(EventBulkWriter writer, JournalRecord record, String id, RuntimeException e) {
        long ticket = record.position();
        log.error("Unreadable journal entry at position {} ({}); writing its raw bytes to the dead-letter index",
                ticket, e.toString());
        Instant received = plausibleMillis(record.payload());
        byte[] doc = DeadLetterDocuments.ofUnreadable(record.payload(), ticket, received, e.toString());
        unreadable.add(ticket);
        tickets.sent(ticket, record.nextPosition());
        writer.add(IndexNames.daily(IndexNames.DEAD_LETTER, received), id, doc, 0, doc.length, ticket);
    }

    /** The receive time every entry layout starts with, if it looks like one; else now. */
    private static Instant plausibleMillis(byte[] payload) {
        if (payload.length >= 9) {
            long millis = java.nio.ByteBuffer.wrap(payload, 1, 8).getLong();
            if (millis > 946_684_800_000L && millis < 4_102_444_800_000L) { // 2000 to 2100
                return Instant.ofEpochMilli(millis);
            }
        }
        return Instant.now();
    }

    private void deadLetterRefused(EventBulkWriter writer) {
        EventBulkWriter.Result r;
        while ((r = refused.poll()) != null) {
            if (!(inFlight.get(r.ticket()) instanceof JournalEntry.Event event)) {
                continue;
            }
            String index = eventsIndex(event);
            log.warn("Elasticsearch refused an event for {}: {} {}; writing it to the dead-letter index",
                    index, r.errorType(), r.errorReason());
            byte[] doc = DeadLetterDocuments.ofRefusedEvent(event, index, r.errorType(), r.errorReason());
            deadLetteredEvents.put(r.ticket(), r.errorType() == null ? "rejected" : r.errorType());
            writer.add(deadLetterIndex(event.receivedMillis()), DocumentIds.of(journal.journalId(), r.ticket()),
                    doc, 0, doc.length, r.ticket());
        }
    }

    private void forgetInFlight() {
        inFlight.clear();
        deadLetteredEvents.clear();
        unreadable.clear();
        refused.clear();
    }

    private void replay(EventBulkWriter writer, JournalReader reader) throws InterruptedException {
        writer.flush();
        awaitIdle(writer, Duration.ofMinutes(5));
        long from = tickets.safeCheckpoint();
        firstConfirmations.replaying(from, tickets.pendingPositions(), tickets.sentUpTo());
        tickets.reset(from);
        forgetInFlight();
        reader.seek(from);
        metrics.bulkRetry();
        long wait = backoffMillis == 0 ? minBackoff.toMillis() : Math.min(maxBackoff.toMillis(), backoffMillis * 2);
        backoffMillis = wait;
        log.warn("Shipping paused after a temporary failure ({}); replaying from journal position {} in {} ms",
                lastError, from, wait);
        retry.set(false);
        Thread.sleep(wait);
    }

    private void awaitIdle(EventBulkWriter writer, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (writer.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void checkpoint() {
        if (tickets == null) {
            return;
        }
        long safe = tickets.safeCheckpoint();
        if (safe > journal.checkpoint()) {
            try {
                journal.checkpoint(safe);
            } catch (IOException e) {
                log.error("Cannot write the journal checkpoint", e);
            }
        }
    }

    /** Stops after sending what was read and waiting for confirmations (bounded). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class ResultListener implements EventBulkWriter.Listener {

        @Override
        public void onResults(List<EventBulkWriter.Result> results, long latencyNanos) {
            metrics.bulkLatency().record(latencyNanos, TimeUnit.NANOSECONDS);
            int indexed = 0;
            int lines = 0;
            int events = 0;
            int unreadables = 0;
            long[] confirmed = new long[results.size()];
            int confirmedCount = 0;
            for (EventBulkWriter.Result r : results) {
                switch (r.status()) {
                    case INDEXED -> {
                        long ticket = r.ticket();
                        JournalEntry entry = inFlight.remove(ticket);
                        String refusedAs = deadLetteredEvents.remove(ticket);
                        boolean wasUnreadable = unreadable.remove(ticket);
                        if (firstConfirmations.first(ticket)) {
                            if (wasUnreadable) {
                                unreadables++;
                                metrics.unreadable();
                            } else if (refusedAs != null) {
                                events++;
                                metrics.refused(refusedAs);
                            } else if (entry instanceof JournalEntry.DeadLetter) {
                                lines++;
                            } else {
                                indexed++;
                            }
                        }
                        confirmed[confirmedCount++] = ticket;
                    }
                    case REJECTED -> {
                        JournalEntry entry = inFlight.get(r.ticket());
                        if (entry instanceof JournalEntry.Event && !deadLetteredEvents.containsKey(r.ticket())) {
                            refused.add(r);
                        } else {
                            log.error("Elasticsearch refused a dead-letter document ({} {}); shipping pauses and "
                                    + "retries it", r.errorType(), r.errorReason());
                            metrics.deadLetterRefused();
                            lastError = "the dead-letter index refused a document: " + r.errorType() + ": "
                                    + r.errorReason();
                            retry.set(true);
                        }
                    }
                    case RETRY -> {
                        lastError = r.errorType() + ": " + r.errorReason();
                        retry.set(true);
                    }
                }
            }
            metrics.indexed(indexed);
            metrics.deadLettered(IngestMetrics.DeadLetterKind.LINE, lines);
            metrics.deadLettered(IngestMetrics.DeadLetterKind.EVENT, events);
            metrics.deadLettered(IngestMetrics.DeadLetterKind.UNREADABLE, unreadables);
            // counted before confirmed: once the checkpoint passes a record, its outcome is in the metrics
            for (int i = 0; i < confirmedCount; i++) {
                tickets.confirmed(confirmed[i]);
            }
            if (!retry.get()) {
                backoffMillis = 0;
                lastError = null;
            }
        }

        @Override
        public void onRequestFailure(List<Long> tickets, Throwable error) {
            lastError = error.toString();
            retry.set(true);
        }
    }
}
