package io.logwarden.export.internal;

import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.ExportState;
import io.logwarden.export.JobLease;
import io.logwarden.export.internal.ExportJobStore.Stored;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.ScanExpiredException;
import io.logwarden.storage.StorageUnavailableException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs export jobs in the background on this instance. Jobs are claimed with a lease (optimistic concurrency on the
 * job document) when a worker is free: at submission, and every {@code poll-interval} for queued jobs and jobs whose
 * instance stopped renewing its lease. So several instances never run one job twice, and a job left by a dead
 * instance continues elsewhere from its last checkpoint (docs/decisions/081).
 */
@Component
class ExportJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ExportJobRunner.class);
    private static final long NOTIFY_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final int MAX_RESTARTS_PER_RUN = 3;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);

    /** Called after each page is written, before a checkpoint; tests use it to slow a job down or stop it. */
    interface PageHook {
        PageHook NONE = (job, pages) -> { };

        void afterPage(ExportJob job, int pagesThisRun);
    }

    volatile PageHook pageHook = PageHook.NONE;

    final String instanceId;
    final ExportJobStore store;
    final EventScanner scanner;
    final ExportFiles files;
    final ExportFinisher finisher;
    final RowMasking masking;
    final ExportProperties properties;
    final Clock clock;
    private final ExportMetrics metrics;
    private final ExecutorService executor;
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, ExportJob> live = new ConcurrentHashMap<>();
    private final Map<String, Long> lastNotified = new ConcurrentHashMap<>();
    private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();
    private final List<Consumer<ExportJob>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean ready;
    private volatile boolean stopping;

    @Autowired
    ExportJobRunner(ExportJobStore store, EventScanner scanner, ExportFiles files, ExportFinisher finisher,
                    RowMasking masking, ExportMetrics metrics, ExportProperties properties,
                    ObjectProvider<Clock> clock) {
        this(newInstanceId(), store, scanner, files, finisher, masking, metrics, properties,
                clock.getIfAvailable(Clock::systemUTC));
    }

    ExportJobRunner(String instanceId, ExportJobStore store, EventScanner scanner, ExportFiles files,
                    ExportFinisher finisher, RowMasking masking, ExportMetrics metrics, ExportProperties properties,
                    Clock clock) {
        this.instanceId = instanceId;
        this.store = store;
        this.scanner = scanner;
        this.files = files;
        this.finisher = finisher;
        this.masking = masking;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(properties.concurrentJobs(),
                Thread.ofPlatform().name("export-", 0).daemon(true).factory());
    }

    /** Host, process and a random part: unique per running instance, readable in a job's lease. */
    static String newInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stores a new job and starts it here at once if a worker is free (else any instance takes it later). */
    void submit(ExportJob job) {
        store.create(job);
        notifyListeners(job, true);
        sweep();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        ready = true;
        sweep();
    }

    /** Claims queued jobs and jobs whose lease ran out, as far as workers are free. */
    @Scheduled(fixedDelayString = "${logwarden.export.poll-interval:5s}", initialDelayString = "${logwarden.export.poll-interval:5s}")
    void poll() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Looking for export jobs to run failed; trying again in {}", properties.pollInterval(),
                    e);
        }
    }

    synchronized void sweep() {
        if (!ready || stopping || active.get() >= properties.concurrentJobs()) {
            return;
        }
        Instant now = clock.instant();
        for (Stored candidate : store.unfinished(4 * properties.concurrentJobs() + 16)) {
            ExportJob job = candidate.job();
            if (active.get() >= properties.concurrentJobs()) {
                return;
            }
            if (live.containsKey(job.id()) || job.lease() != null && job.lease().live(now)) {
                continue;
            }
            if (job.cancelRequested()) {
                // asked to cancel while its instance was gone: nobody else will end it
                finisher.cancel(candidate, job);
                publish(job.withState(ExportState.CANCELED, now, null), true);
                continue;
            }
            claim(candidate).ifPresent(this::start);
        }
    }

    /** Takes the job's lease if nobody changed the job since it was read. */
    Optional<Stored> claim(Stored read) {
        JobLease lease = new JobLease(instanceId, clock.instant().plus(properties.leaseDuration()));
        return store.replace(read, read.job().withLease(lease));
    }

    private void start(Stored claimed) {
        active.incrementAndGet();
        live.put(claimed.job().id(), claimed.job());
        metrics.started(claimed.job());
        log.info("Export {} of {} runs on {} from row {}", claimed.job().id(), claimed.job().submittedBy().username(),
                instanceId, claimed.job().rows());
        executor.execute(() -> run(claimed));
    }

    Optional<ExportJob> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    boolean runsHere(String id) {
        return live.containsKey(id);
    }

    /** Asks a job running on this instance to stop at its next page. */
    void cancelHere(String id) {
        cancelRequested.add(id);
    }

    boolean cancelRequestedHere(String id) {
        return cancelRequested.contains(id);
    }

    boolean stopping() {
        return stopping;
    }

    Runnable subscribe(Consumer<ExportJob> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    /** Runs a claimed job to its end, pausing and retrying from the last checkpoint while Elasticsearch fails. */
    private void run(Stored claimed) {
        String id = claimed.job().id();
        Stored current = claimed;
        try {
            boolean restart = false;
            int expiredRestarts = 0;
            Duration delay = FIRST_RETRY_DELAY;
            while (true) {
                try {
                    new ExportRun(this, current).execute(restart);
                    return;
                } catch (ScanExpiredException e) {
                    if (++expiredRestarts > MAX_RESTARTS_PER_RUN) {
                        throw e;
                    }
                    log.warn("Export {}: point in time expired ({}); restarting from the beginning", id,
                            e.getMessage());
                    restart = true;
                } catch (StorageUnavailableException e) {
                    paused(id, e, delay);
                    if (!sleep(delay)) {
                        return;
                    }
                    delay = delay.multipliedBy(2).compareTo(properties.maxRetryDelay()) > 0
                            ? properties.maxRetryDelay() : delay.multipliedBy(2);
                }
                Optional<Stored> reclaimed = reclaim(id);
                if (reclaimed.isEmpty()) {
                    return;
                }
                current = reclaimed.get();
            }
        } catch (ExportRun.LeaseLostException e) {
            log.warn("Export {} stopped on {}: {}", id, instanceId, e.getMessage());
        } catch (RuntimeException | IOException e) {
            log.error("Export {} failed", id, e);
            ExportJob last = live.getOrDefault(id, current.job());
            try {
                scanner.close(new io.logwarden.storage.ScanCursor(last.pitId(), List.of(), 0));
                Stored read = store.get(id).orElse(current);
                publish(finisher.fail(read, read.job(), String.valueOf(e.getMessage())), true);
            } catch (RuntimeException failure) {
                log.warn("Export {} could not be marked failed ({}); another attempt follows when its lease ends",
                        id, failure.toString());
            }
        } finally {
            ExportJob last = live.remove(id);
            cancelRequested.remove(id);
            lastNotified.remove(id);
            metrics.stopped(last == null ? current.job() : last);
            active.decrementAndGet();
            if (!stopping) {
                try {
                    sweep();
                } catch (RuntimeException e) {
                    log.debug("Sweep after export {} failed", id, e);
                }
            }
        }
    }

    /** Shows the job as PAUSED (in the store if it can be reached, to this instance's listeners in any case). */
    private void paused(String id, StorageUnavailableException e, Duration delay) {
        String reason = "Elasticsearch unavailable (" + e.getMessage() + "); retrying in " + delay.toSeconds()
                + " s from the last checkpoint";
        log.warn("Export {} paused: {}", id, reason);
        ExportJob shown = live.get(id);
        if (shown != null) {
            publish(shown.withState(ExportState.PAUSED, null, reason), true);
        }
        try {
            store.get(id).ifPresent(read -> store.replace(read, read.job().withState(ExportState.PAUSED, null,
                    reason)));
        } catch (RuntimeException stillDown) {
            log.debug("Export {}: pause not recorded ({})", id, stillDown.toString());
        }
    }

    /** Waits; false when the instance stops meanwhile. */
    private boolean sleep(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < until) {
            if (stopping) {
                return false;
            }
            try {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Re-reads the job after a failure and renews the lease; empty if the job ended or another instance took it. */
    private Optional<Stored> reclaim(String id) {
        while (!stopping) {
            try {
                Optional<Stored> read = store.get(id);
                if (read.isEmpty() || read.get().job().state().finished()) {
                    return Optional.empty();
                }
                JobLease lease = read.get().job().lease();
                if (lease != null && !lease.owner().equals(instanceId) && lease.live(clock.instant())) {
                    log.info("Export {} was taken over by {}", id, lease.owner());
                    return Optional.empty();
                }
                Optional<Stored> claimed = claim(read.get());
                if (claimed.isPresent()) {
                    return claimed;
                }
            } catch (StorageUnavailableException e) {
                if (!sleep(properties.maxRetryDelay())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The job's progress as this instance sees it; listeners hear at most about every 300 ms unless forced. */
    void publish(ExportJob job, boolean force) {
        if (job.state().finished()) {
            // before the listeners hear of it: a list they re-read must not show the last running state over the
            // stored end state
            live.remove(job.id());
        } else if (live.containsKey(job.id())) {
            live.put(job.id(), job);
        }
        notifyListeners(job, force);
    }

    private void notifyListeners(ExportJob job, boolean force) {
        long now = System.nanoTime();
        Long last = lastNotified.get(job.id());
        if (!force && last != null && now - last < NOTIFY_EVERY_NANOS) {
            return;
        }
        lastNotified.put(job.id(), now);
        for (Consumer<ExportJob> listener : listeners) {
            try {
                listener.accept(job);
            } catch (RuntimeException e) {
                log.warn("Export progress listener failed", e);
            }
        }
    }
}
