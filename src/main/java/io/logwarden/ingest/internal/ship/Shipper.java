package io.logwarden.ingest.internal.ship;

import io.logwarden.ingest.internal.IngestMetrics;
import io.logwarden.ingest.internal.JournalEntry;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalReader;
import io.logwarden.ingest.internal.journal.JournalRecord;
import io.logwarden.storage.EventBulkWriter;
import io.logwarden.storage.EventBulkWriters;
import io.logwarden.storage.EventFamily;
import io.logwarden.storage.IndexNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
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
 * requests, backs off and replays from the oldest unconfirmed record; ids make the replay idempotent.
 */
public final class Shipper implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Shipper.class);
    private static final long CHECKPOINT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final DiskJournal journal;
    private final EventBulkWriters writers;
    private final EventBulkWriter.Settings bulk;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final IngestMetrics metrics;
    private final Map<Long, JournalEntry> inFlight = new ConcurrentHashMap<>();
    private final Set<Long> deadLetteredEvents = ConcurrentHashMap.newKeySet();
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

    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("journal-shipper").daemon().start(this::run);
    }

    public boolean isRunning() {
        return running;
    }

    /** The last temporary failure, or null once shipping works again. */
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
        inFlight.clear();
        deadLetteredEvents.clear();
        refused.clear();
        retry.set(false);
        long start = journal.checkpoint();
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
        JournalEntry entry;
        try {
            entry = JournalEntry.decode(record.payload());
        } catch (RuntimeException e) {
            log.error("Unreadable journal entry at {}: {}; skipped", record.position(), e.toString());
            return;
        }
        long ticket = record.position();
        String id = DocumentIds.of(journal.journalId(), ticket);
        inFlight.put(ticket, entry);
        tickets.sent(ticket, record.nextPosition());
        switch (entry) {
            case JournalEntry.Event event -> writer.add(
                    EventFamily.indexOf(event.json(), event.timestampMillis()), id,
                    event.json(), 0, event.json().length, ticket);
            case JournalEntry.DeadLetter dead -> {
                byte[] doc = DeadLetterDocuments.ofLine(dead);
                writer.add(IndexNames.daily(IndexNames.DEAD_LETTER, Instant.ofEpochMilli(dead.receivedMillis())),
                        id, doc, 0, doc.length, ticket);
            }
        }
    }

    private void deadLetterRefused(EventBulkWriter writer) {
        EventBulkWriter.Result r;
        while ((r = refused.poll()) != null) {
            if (!(inFlight.get(r.ticket()) instanceof JournalEntry.Event event)) {
                continue;
            }
            String index = EventFamily.indexOf(event.json(), event.timestampMillis());
            log.warn("Elasticsearch refused an event for {}: {} {}; writing it to the dead-letter index",
                    index, r.errorType(), r.errorReason());
            byte[] doc = DeadLetterDocuments.ofRejectedEvent(event, index, r.errorType(), r.errorReason());
            deadLetteredEvents.add(r.ticket());
            writer.add(IndexNames.daily(IndexNames.DEAD_LETTER, Instant.now()),
                    DocumentIds.of(journal.journalId(), r.ticket()), doc, 0, doc.length, r.ticket());
        }
    }

    private void replay(EventBulkWriter writer, JournalReader reader) throws InterruptedException {
        writer.flush();
        awaitIdle(writer, Duration.ofMinutes(5));
        long from = tickets.safeCheckpoint();
        tickets.reset(from);
        inFlight.clear();
        deadLetteredEvents.clear();
        refused.clear();
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
            int deadLettered = 0;
            for (EventBulkWriter.Result r : results) {
                switch (r.status()) {
                    case INDEXED -> {
                        JournalEntry entry = inFlight.remove(r.ticket());
                        if (entry instanceof JournalEntry.DeadLetter || deadLetteredEvents.remove(r.ticket())) {
                            deadLettered++;
                        } else {
                            indexed++;
                        }
                        tickets.confirmed(r.ticket());
                    }
                    case REJECTED -> {
                        JournalEntry entry = inFlight.get(r.ticket());
                        if (entry instanceof JournalEntry.Event && !deadLetteredEvents.contains(r.ticket())) {
                            refused.add(r);
                        } else {
                            log.error("Elasticsearch refused a dead-letter document ({} {}); it stays only in the log",
                                    r.errorType(), r.errorReason());
                            metrics.rejected("shipper", "deadletter_refused");
                            inFlight.remove(r.ticket());
                            deadLetteredEvents.remove(r.ticket());
                            tickets.confirmed(r.ticket());
                        }
                    }
                    case RETRY -> {
                        lastError = r.errorType() + ": " + r.errorReason();
                        retry.set(true);
                    }
                }
            }
            metrics.indexed(indexed);
            metrics.deadLettered(deadLettered);
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
