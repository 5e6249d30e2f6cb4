package io.logwarden.export.internal;

import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportManifest;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.ExportState;
import io.logwarden.storage.ScanQuery;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanExpiredException;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScannedEvent;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs export jobs in the background: scan page by page, write, checkpoint (file length + scan cursor) at regular
 * intervals, and on start-up continue every job a previous process left unfinished from its last checkpoint.
 */
@Component
class ExportJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ExportJobRunner.class);
    private static final long NOTIFY_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final int MAX_RESTARTS_PER_RUN = 3;

    /** Called after each page is written, before a checkpoint; tests use it to simulate a crash. */
    interface PageHook {
        PageHook NONE = (job, pages) -> { };

        void afterPage(ExportJob job, int pagesThisRun);
    }

    volatile PageHook pageHook = PageHook.NONE;

    private final ExportJobStore store;
    private final EventScanner scanner;
    private final ExportFiles files;
    private final ManifestSigner signer;
    private final ExportAuditor auditor;
    private final RowMasking masking;
    private final ExportProperties properties;
    private final Clock clock;
    private final ExecutorService executor;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ExportJob> live = new ConcurrentHashMap<>();
    private final Map<String, Long> lastNotified = new ConcurrentHashMap<>();
    private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();
    private final List<Consumer<ExportJob>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    ExportJobRunner(ExportJobStore store, EventScanner scanner, ExportFiles files, ManifestSigner signer,
                    ExportAuditor auditor, RowMasking masking, ExportProperties properties,
                    ObjectProvider<Clock> clock) {
        this.store = store;
        this.scanner = scanner;
        this.files = files;
        this.signer = signer;
        this.auditor = auditor;
        this.masking = masking;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.executor = Executors.newFixedThreadPool(properties.concurrentJobs(),
                Thread.ofPlatform().name("export-", 0).daemon(true).factory());
    }

    void submit(ExportJob job) {
        store.save(job);
        live.put(job.id(), job);
        notifyListeners(job, true);
        executor.execute(() -> run(job.id()));
    }

    /** Picks up the jobs a previous process left queued or running. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (ExportJob job : store.all()) {
            if (!job.state().finished() && !live.containsKey(job.id())) {
                log.info("Resuming export {} of {} at row {}", job.id(), job.submittedBy().username(), job.rows());
                live.put(job.id(), job);
                executor.execute(() -> run(job.id()));
            }
        }
    }

    Optional<ExportJob> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** Asks a queued or running job of this instance to stop; returns false when it is not running here. */
    boolean cancel(String id) {
        if (!live.containsKey(id)) {
            return false;
        }
        cancelRequested.add(id);
        return true;
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

    private void run(String id) {
        ExportJob job = store.find(id).orElse(null);
        if (job == null || job.state().finished()) {
            live.remove(id);
            return;
        }
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    execute(job, attempt > 0);
                    return;
                } catch (ScanExpiredException e) {
                    if (attempt >= MAX_RESTARTS_PER_RUN) {
                        throw e;
                    }
                    log.warn("Export {}: point in time expired ({}); restarting from the beginning", id,
                            e.getMessage());
                    job = store.find(id).orElseThrow();
                }
            }
        } catch (RuntimeException | IOException e) {
            log.error("Export {} failed", id, e);
            ExportJob current = live.getOrDefault(id, job);
            scanner.close(new ScanCursor(current.pitId(), List.of(), 0));
            files.deleteAll(current);
            finish(current.withState(ExportState.FAILED, clock.instant(), String.valueOf(e.getMessage())),
                    "failure");
        }
    }

    private void execute(ExportJob stored, boolean forceRestart) throws IOException {
        ExportFormat format = stored.request().format();
        boolean resumable = !forceRestart && stored.pitId() != null && format.appendable();
        boolean wasStarted = stored.startedAt() != null;
        ExportJob job = stored;
        ScanCursor cursor;
        if (resumable) {
            cursor = new ScanCursor(job.pitId(), job.searchAfter(), job.totalRows());
        } else {
            if (job.pitId() != null) {
                scanner.close(new ScanCursor(job.pitId(), List.of(), 0));
            }
            cursor = scanner.open(query(job), properties.pointInTimeKeepAlive());
            job = job.withProgress(0, -1, 0, cursor.pitId(), List.of());
        }
        job = job.withRun(clock.instant(), wasStarted ? job.restarts() + 1 : job.restarts());
        store.save(job);
        publish(job, true);

        Path path = files.data(job);
        ScanQuery query = query(job);
        var scope = job.submittedBy().scope().toFilter();
        long lastCheckpoint = System.nanoTime();
        int pages = 0;
        long size;
        try (ExportSink sink = new ExportSink(path, job.bytes(), job.request().gzip())) {
            RowWriter writer = writer(format, sink, job.request().fields());
            if (job.bytes() == 0) {
                writer.begin();
            }
            while (true) {
                if (cancelRequested.remove(job.id())) {
                    canceled(job, cursor);
                    return;
                }
                if (stopping) {
                    if (!format.appendable()) {
                        return;
                    }
                    writer.flush();
                    job = job.withProgress(job.rows(), cursor.total(), sink.checkpoint(), cursor.pitId(),
                            cursor.searchAfter());
                    store.save(job);
                    log.info("Export {} paused at row {} for shutdown; it resumes on the next start", job.id(),
                            job.rows());
                    return;
                }
                ScanPage page = scanner.next(query, scope, cursor, properties.pageSize(),
                        properties.pointInTimeKeepAlive());
                for (ScannedEvent event : page.events()) {
                    writer.write(masking.mask(event, job.submittedBy()));
                }
                cursor = page.next();
                pages++;
                job = job.withProgress(job.rows() + page.events().size(), cursor.total(), job.bytes(),
                        cursor.pitId(), cursor.searchAfter());
                publish(job, false);
                pageHook.afterPage(job, pages);
                if (page.last()) {
                    break;
                }
                if (System.nanoTime() - lastCheckpoint >= properties.checkpointInterval().toNanos()) {
                    writer.flush();
                    job = job.withProgress(job.rows(), cursor.total(), sink.checkpoint(), cursor.pitId(),
                            cursor.searchAfter());
                    store.save(job);
                    lastCheckpoint = System.nanoTime();
                }
            }
            writer.end();
            size = sink.finish();
        }
        scanner.close(cursor);
        complete(job, path, size);
    }

    private void complete(ExportJob job, Path path, long size) throws IOException {
        Instant now = clock.instant();
        String sha256 = ExportFiles.sha256(path);
        ExportManifest manifest = signer.sign(job, size, sha256, now);
        Path manifestFile = files.manifest(job);
        Path temporary = manifestFile.resolveSibling(manifestFile.getFileName() + ".tmp");
        Files.write(temporary, signer.toJson(manifest));
        Files.move(temporary, manifestFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ExportJob done = job.completed(now, size, sha256);
        done = new ExportJob(done.id(), done.state(), done.purpose(), done.submittedBy(), done.request(),
                done.indices(), done.anyOfTerms(), done.createdAt(), done.startedAt(), done.runStartRows(),
                done.finishedAt(), now.plus(properties.fileRetention()), done.rows(), done.totalRows(), size, null,
                List.of(), done.restarts(), sha256, null);
        finish(done, "success");
    }

    private void canceled(ExportJob job, ScanCursor cursor) {
        scanner.close(cursor);
        files.deleteAll(job);
        finish(job.withState(ExportState.CANCELED, clock.instant(), null), "canceled");
    }

    private void finish(ExportJob job, String outcome) {
        store.save(job);
        live.remove(job.id());
        cancelRequested.remove(job.id());
        publish(job, true);
        lastNotified.remove(job.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("export.id", job.id());
        details.put("purpose", job.purpose());
        details.put("query", job.request().query());
        details.put("from", String.valueOf(job.request().from()));
        details.put("to", String.valueOf(job.request().to()));
        details.put("fields", job.request().fields());
        details.put("format", job.request().format().name());
        details.put("rows", job.rows());
        details.put("bytes", job.bytes());
        details.put("sha256", String.valueOf(job.sha256()));
        if (!job.anyOfTerms().isEmpty()) {
            details.put("subject", new ArrayList<>(job.anyOfTerms().keySet()));
        }
        auditor.record("export", job.submittedBy(), outcome, details);
    }

    private void publish(ExportJob job, boolean force) {
        if (!job.state().finished()) {
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
                log.debug("Export progress listener failed", e);
            }
        }
    }

    private RowWriter writer(ExportFormat format, ExportSink sink, List<String> fields) {
        return switch (format) {
            case CSV -> new CsvRowWriter(sink.out, fields, json);
            case NDJSON -> new NdjsonRowWriter(sink.out, fields, json);
            case XLSX -> new XlsxRowWriter(sink.out, fields, json);
        };
    }

    static ScanQuery query(ExportJob job) {
        return new ScanQuery(job.indices(), job.request().query(), job.request().from(), job.request().to(),
                job.anyOfTerms(), job.request().fields());
    }
}
