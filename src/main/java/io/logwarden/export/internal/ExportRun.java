package io.logwarden.export.internal;

import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportSource;
import io.logwarden.export.JobLease;
import io.logwarden.export.WidgetTable;
import io.logwarden.export.internal.ExportJobStore.Stored;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScanQuery;
import io.logwarden.storage.ScannedEvent;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.SubjectMatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of one claimed job on this instance: scan page by page, write, checkpoint (flush the file, then persist its
 * length and the scan position, renewing the lease) every {@code checkpoint-interval}, and end it. A checkpoint that
 * conflicts tells the run that the job changed elsewhere: a cancel request, or the lease taken over.
 */
final class ExportRun {

    private static final Logger log = LoggerFactory.getLogger(ExportRun.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The job is no longer this instance's to run (taken over, or ended elsewhere). */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }

    /** A user asked, on any instance, to cancel the job. */
    private static final class CancelRequestedException extends RuntimeException {
    }

    private final ExportJobRunner runner;
    private Stored stored;
    private ScanCursor openCursor;

    ExportRun(ExportJobRunner runner, Stored claimed) {
        this.runner = runner;
        this.stored = claimed;
    }

    /** Runs to the end (completed, canceled, or paused for shutdown); {@code restart} ignores the checkpoint. */
    void execute(boolean restart) throws IOException {
        try {
            run(restart);
        } catch (CancelRequestedException e) {
            cancel(stored.job(), openCursor);
        }
    }

    private void run(boolean restart) throws IOException {
        ExportJob job = stored.job();
        if (job.cancelRequested() || runner.cancelRequestedHere(job.id())) {
            cancel(job, null);
            return;
        }
        if (job.source().widget() != null) {
            writeWidget(job);
            return;
        }
        ScanCursor cursor;
        if (!restart && resumable(job)) {
            cursor = new ScanCursor(job.pitId(), job.searchAfter(), job.totalRows());
        } else {
            if (job.pitId() != null) {
                runner.scanner.close(new ScanCursor(job.pitId(), List.of(), 0));
            }
            cursor = runner.scanner.open(query(job), runner.properties.pointInTimeKeepAlive());
            job = job.withProgress(0, -1, 0, cursor.pitId(), List.of());
        }
        openCursor = cursor;
        job = begin(job);
        scan(job, cursor);
    }

    /** Whether this instance holds the file the checkpoint refers to, in a format that can be continued. */
    private boolean resumable(ExportJob job) {
        return job.pitId() != null && job.request().format().appendable()
                && (job.bytes() == 0 || runner.files.length(job) >= job.bytes());
    }

    private ExportJob begin(ExportJob job) {
        ExportJob running = job.withRun(runner.clock.instant(), job.startedAt() != null ? job.restarts() + 1
                : job.restarts()).withLease(lease());
        stored = runner.store.replace(stored, running).orElseGet(() -> conflict(running));
        runner.publish(running, true);
        return running;
    }

    private void scan(ExportJob start, ScanCursor startCursor) throws IOException {
        ExportJob job = start;
        ScanCursor cursor = startCursor;
        ExportFormat format = job.request().format();
        ScanQuery query = query(job);
        ScopeFilter scope = job.submittedBy().scope().toFilter();
        Path path = runner.files.data(job);
        long lastCheckpoint = System.nanoTime();
        int pages = 0;
        long size;
        try (ExportSink sink = new ExportSink(path, job.bytes(), job.request().gzip())) {
            RowWriter writer = writer(format, sink, job.request().fields());
            if (job.bytes() == 0) {
                writer.begin();
            }
            while (true) {
                if (runner.cancelRequestedHere(job.id())) {
                    cancel(job, cursor);
                    return;
                }
                if (runner.stopping()) {
                    pauseForShutdown(job, cursor, writer, sink);
                    return;
                }
                ScanPage page = runner.scanner.next(query, scope, cursor, runner.properties.pageSize(),
                        runner.properties.pointInTimeKeepAlive());
                for (ScannedEvent event : page.events()) {
                    writer.write(runner.masking.mask(event, job.submittedBy()));
                }
                cursor = page.next();
                openCursor = cursor;
                pages++;
                job = job.withProgress(job.rows() + page.events().size(), cursor.total(), job.bytes(),
                        cursor.pitId(), cursor.searchAfter());
                runner.publish(job, false);
                runner.pageHook.afterPage(job, pages);
                if (page.last()) {
                    break;
                }
                if (System.nanoTime() - lastCheckpoint >= runner.properties.checkpointInterval().toNanos()) {
                    writer.flush();
                    job = job.withProgress(job.rows(), cursor.total(), sink.checkpoint(), cursor.pitId(),
                            cursor.searchAfter());
                    job = checkpoint(job);
                    lastCheckpoint = System.nanoTime();
                }
            }
            writer.end();
            size = sink.finish();
        }
        runner.scanner.close(cursor);
        runner.publish(runner.finisher.complete(stored, job, path, size), true);
    }

    /** A widget's table, computed at submission: written in one go (a restart simply writes it again). */
    private void writeWidget(ExportJob queued) throws IOException {
        WidgetTable table = queued.source().widget();
        ExportJob job = begin(queued.withProgress(0, table.rows().size(), 0, null, List.of()));
        Path path = runner.files.data(job);
        long size;
        try (ExportSink sink = new ExportSink(path, 0, job.request().gzip())) {
            RowWriter writer = writer(job.request().format(), sink, table.columns());
            writer.begin();
            for (List<Object> row : table.rows()) {
                Map<String, Object> cells = new LinkedHashMap<>();
                for (int c = 0; c < table.columns().size(); c++) {
                    cells.put(table.columns().get(c), c < row.size() ? row.get(c) : null);
                }
                writer.write(new ScannedEvent(null, null, cells));
            }
            writer.end();
            size = sink.finish();
        }
        job = job.withProgress(table.rows().size(), table.rows().size(), size, null, List.of());
        runner.publish(runner.finisher.complete(stored, job, path, size), true);
    }

    /**
     * Persists the checkpoint and renews the lease. A conflict means the job changed elsewhere: a cancel request
     * (thrown as such), the lease taken over or the job ended (lease lost).
     */
    private ExportJob checkpoint(ExportJob job) {
        ExportJob next = job.withLease(lease());
        stored = runner.store.checkpoint(stored, next).orElseGet(() -> conflict(next));
        return next;
    }

    /** After a failed conditional write: whose is the job now? */
    private Stored conflict(ExportJob attempted) {
        Stored current = runner.store.get(attempted.id())
                .orElseThrow(() -> new LeaseLostException("the job was deleted"));
        ExportJob now = current.job();
        if (now.state().finished()) {
            throw new LeaseLostException("it ended elsewhere as " + now.state());
        }
        if (now.lease() == null || !now.lease().owner().equals(runner.instanceId)) {
            throw new LeaseLostException("its lease is now " + (now.lease() == null ? "free" : "held by "
                    + now.lease().owner()));
        }
        if (now.cancelRequested()) {
            throw new CancelRequestedException();
        }
        return runner.store.replace(current, attempted)
                .orElseThrow(() -> new LeaseLostException("it keeps changing elsewhere"));
    }

    private void cancel(ExportJob job, ScanCursor cursor) {
        if (cursor != null) {
            runner.scanner.close(cursor);
        }
        Stored current = runner.store.get(job.id()).orElse(stored);
        runner.publish(runner.finisher.cancel(current, job), true);
        log.info("Export {} canceled at row {}", job.id(), job.rows());
    }

    /** Graceful shutdown: checkpoint what is written and free the lease, so any instance continues the job. */
    private void pauseForShutdown(ExportJob job, ScanCursor cursor, RowWriter writer, ExportSink sink)
            throws IOException {
        ExportJob released = job;
        if (job.request().format().appendable()) {
            writer.flush();
            released = job.withProgress(job.rows(), cursor.total(), sink.checkpoint(), cursor.pitId(),
                    cursor.searchAfter());
        } else {
            released = stored.job();
        }
        runner.store.replace(stored, released.withLease(null));
        log.info("Export {} paused at row {} for shutdown; it continues on the next instance to start",
                job.id(), released.rows());
    }

    private JobLease lease() {
        return new JobLease(runner.instanceId, runner.clock.instant().plus(runner.properties.leaseDuration()));
    }

    static ScanQuery query(ExportJob job) {
        ExportSource source = job.source();
        if (source.subject() != null) {
            return ScanQuery.about(source.indices(), new SubjectMatch(source.subject().userId(),
                    source.subject().email(), source.subject().name()), job.request().fields());
        }
        return new ScanQuery(source.indices(), job.request().query(), source.queryFields(),
                source.leadingWildcards(), job.request().from(), job.request().to(), null, job.request().fields());
    }

    private static RowWriter writer(ExportFormat format, ExportSink sink, List<String> fields) {
        return switch (format) {
            case CSV -> new CsvRowWriter(sink.out, fields, JSON);
            case NDJSON -> new NdjsonRowWriter(sink.out, fields, JSON);
            case XLSX -> new XlsxRowWriter(sink.out, fields, JSON);
        };
    }
}
