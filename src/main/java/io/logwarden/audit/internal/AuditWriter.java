package io.logwarden.audit.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Writes audit records in the background so that recording one costs the caller no Elasticsearch round trip and no
 * wait on a global lock. Callers prepare their record in their own thread (actor, address, timestamp) and queue it;
 * one writer thread appends them to the hash chain in queue order. The writer looks for records every
 * {@code write-interval} rather than being woken for each: waking a parked thread made every audited search 0.1 ms
 * slower on the reference machine; a caller that waits for its record ({@link #submitAndWake}, {@link #flush}) wakes
 * it. A failed write is retried, in order, with growing pauses, and counted ({@code logwarden.audit.append.failures},
 * the {@code auditTrail} health component); a full queue makes callers wait and then fail. Shutdown writes what is
 * queued (see docs/decisions/051).
 */
@Component
public class AuditWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    private static final int BATCH = 500;
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final AuditChain chain;
    private final AuditProperties properties;
    private final BlockingQueue<Pending> queue;
    private final Object submitLock = new Object();
    private final Object progress = new Object();
    private final Thread thread;
    private final Counter appended;
    private final Counter failures;
    private volatile boolean stopping;
    private long submitted;
    private volatile long processed;
    private volatile String lastError;
    private volatile Instant failingSince;

    private record Pending(Map<String, Object> record, CompletableFuture<Void> written, long ticket) {
    }

    public AuditWriter(AuditChain chain, AuditProperties properties, MeterRegistry meters) {
        this.chain = chain;
        this.properties = properties;
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        Gauge.builder("logwarden.audit.pending", queue, BlockingQueue::size)
                .description("Audit records queued, not yet written").register(meters);
        this.appended = Counter.builder("logwarden.audit.appended").description("Audit records written")
                .register(meters);
        this.failures = Counter.builder("logwarden.audit.append.failures")
                .description("Failed attempts to write an audit record (each is retried)").register(meters);
        this.thread = Thread.ofPlatform().daemon().name("audit-writer").unstarted(this::run);
        this.thread.start();
    }

    /**
     * Prepares the record in the calling thread and queues it; the future completes once it is stored, within about
     * {@code write-interval} while Elasticsearch keeps up.
     *
     * @throws IllegalStateException when the queue stayed full for {@code submit-timeout}
     */
    public CompletableFuture<Void> submit(AuditEntry entry) {
        synchronized (submitLock) {
            Pending pending = new Pending(chain.prepare(entry), new CompletableFuture<>(), submitted + 1);
            try {
                if (!queue.offer(pending, properties.submitTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("The audit trail cannot keep up (" + queue.size()
                            + " records waiting" + (lastError == null ? "" : "; last error: " + lastError)
                            + "); the action was not audited");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while queueing an audit record", e);
            }
            submitted = pending.ticket();
            return pending.written();
        }
    }

    /** {@link #submit}, and wakes the writer at once: for a caller that waits for the record to be stored. */
    public CompletableFuture<Void> submitAndWake(AuditEntry entry) {
        CompletableFuture<Void> written = submit(entry);
        LockSupport.unpark(thread);
        return written;
    }

    /** Waits until every record submitted before this call is written (or given up at shutdown). */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target;
        synchronized (submitLock) {
            target = submitted;
        }
        LockSupport.unpark(thread);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (processed < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    /** Records waiting to be written. */
    public int pending() {
        return queue.size();
    }

    /** When the writer started failing without success since, or null while it writes fine. */
    public Instant failingSince() {
        return failingSince;
    }

    public String lastError() {
        return lastError;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            Pending first = queue.poll();
            if (first == null) {
                if (stopping) {
                    return;
                }
                // parked outside the queue's lock, so that queueing a record does not wake this thread
                LockSupport.parkNanos(properties.writeInterval().toNanos());
                continue;
            }
            try {
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (Pending pending : batch) {
                    write(pending);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(Pending pending) throws InterruptedException {
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                chain.append(pending.record());
                appended.increment();
                if (failingSince != null) {
                    log.info("Audit records are written again ({} waiting)", queue.size());
                    failingSince = null;
                }
                pending.written().complete(null);
                break;
            } catch (RuntimeException e) {
                failures.increment();
                lastError = e.toString();
                if (failingSince == null) {
                    failingSince = Instant.now();
                    log.error("Could not write audit record {} ({} waiting); retrying until it succeeds: {}",
                            pending.record().get("message"), queue.size(), e.toString());
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    pending.written().completeExceptionally(e);
                    throw interrupted;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            }
        }
        synchronized (progress) {
            processed = pending.ticket();
            progress.notifyAll();
        }
    }

    /** Writes what is queued, for up to {@code shutdown-timeout}; what is left is reported as lost. */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        boolean done = flush(properties.shutdownTimeout());
        thread.interrupt();
        thread.join(Duration.ofSeconds(5).toMillis());
        if (!done) {
            log.error("Shutdown: {} audit records could not be written within {} and are lost (last error: {})",
                    queue.size() + 1, properties.shutdownTimeout(), lastError);
        }
    }
}
