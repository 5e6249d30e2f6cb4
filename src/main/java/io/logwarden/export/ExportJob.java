package io.logwarden.export;

import io.logwarden.security.CurrentUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An export job as stored in {@code .logwarden-export-jobs}: what it exports, for whom, how far it got, who runs it.
 * The checkpoint ({@code bytes}, {@code pitId}, {@code searchAfter}, {@code rows}) is what a restarted job continues
 * from. Changes go through the job store with optimistic concurrency (docs/decisions/081).
 *
 * @param id              job id, also the file's base name
 * @param state           where the job is in its life cycle
 * @param purpose         {@code search}, {@code widget} or {@code data-subject}
 * @param submittedBy     the user (with the scope and PII visibility they had) the job runs for
 * @param request         query, range, fields, format
 * @param source          what is read: indices and query settings, a data subject, or a widget's table
 * @param createdAt       submission time
 * @param startedAt       when the current run started (reset on resume)
 * @param runStartRows    rows already written when the current run started
 * @param finishedAt      completion, failure or cancellation time
 * @param expiresAt       when the file is deleted
 * @param rows            rows written so far (at the last checkpoint in the stored document)
 * @param totalRows       rows matching in the point in time, -1 until known
 * @param bytes           file length at the last checkpoint
 * @param pitId           point in time being read
 * @param searchAfter     sort values of the last row of the last checkpoint
 * @param restarts        how often the job was resumed or restarted
 * @param sha256          SHA-256 of the finished file
 * @param error           why the job failed or is paused
 * @param lease           the instance running the job, null while nobody does
 * @param cancelRequested a user asked to cancel; the instance running the job stops at its next checkpoint
 * @param manifest        the signed manifest (JSON, exactly the signed bytes), kept after the file expires
 */
public record ExportJob(String id, ExportState state, String purpose, CurrentUser submittedBy, ExportRequest request,
                        ExportSource source, Instant createdAt, Instant startedAt, long runStartRows,
                        Instant finishedAt, Instant expiresAt, long rows, long totalRows, long bytes, String pitId,
                        List<Object> searchAfter, int restarts, String sha256, String error, JobLease lease,
                        boolean cancelRequested, String manifest) {

    public static final String PURPOSE_SEARCH = "search";
    public static final String PURPOSE_WIDGET = "widget";
    public static final String PURPOSE_DATA_SUBJECT = "data-subject";

    public ExportJob {
        searchAfter = searchAfter == null ? List.of() : searchAfter;
    }

    /** A new job, queued and not yet claimed by any instance. */
    public static ExportJob queued(String id, String purpose, CurrentUser user, ExportRequest request,
                                   ExportSource source, Instant now) {
        return new ExportJob(id, ExportState.QUEUED, purpose, user, request, source, now, null, 0, null, null, 0,
                -1, 0, null, List.of(), 0, null, null, null, false, null);
    }

    public String fileName() {
        return id + "." + request.format().extension() + (request.gzip() ? ".gz" : "");
    }

    /** Completion in percent, 0-100, or -1 while the total is unknown. */
    public int percent() {
        if (state == ExportState.COMPLETED) {
            return 100;
        }
        if (totalRows < 0) {
            return -1;
        }
        return totalRows == 0 ? 100 : (int) Math.min(100, rows * 100 / totalRows);
    }

    /** Estimated time left from the current run's rate, or null while it cannot be estimated. */
    public Duration eta(Instant now) {
        if (state != ExportState.RUNNING || totalRows < 0 || startedAt == null) {
            return null;
        }
        long done = rows - runStartRows;
        long elapsed = Duration.between(startedAt, now).toMillis();
        if (done <= 0 || elapsed <= 0) {
            return null;
        }
        return Duration.ofMillis((long) ((double) elapsed / done * Math.max(0, totalRows - rows)));
    }

    public ExportJob withState(ExportState newState, Instant finished, String newError) {
        return new ExportJob(id, newState, purpose, submittedBy, request, source, createdAt, startedAt,
                runStartRows, finished, expiresAt, rows, totalRows, bytes, pitId, searchAfter, restarts, sha256,
                newError, newState.finished() ? null : lease, cancelRequested, manifest);
    }

    /** A run starting now: RUNNING, rows so far remembered for the ETA. */
    public ExportJob withRun(Instant started, int newRestarts) {
        return new ExportJob(id, ExportState.RUNNING, purpose, submittedBy, request, source, createdAt, started,
                rows, finishedAt, expiresAt, rows, totalRows, bytes, pitId, searchAfter, newRestarts, sha256, null,
                lease, cancelRequested, manifest);
    }

    public ExportJob withProgress(long newRows, long newTotal, long newBytes, String newPit, List<Object> after) {
        return new ExportJob(id, state, purpose, submittedBy, request, source, createdAt, startedAt, runStartRows,
                finishedAt, expiresAt, newRows, newTotal, newBytes, newPit, after, restarts, sha256, error, lease,
                cancelRequested, manifest);
    }

    public ExportJob withLease(JobLease newLease) {
        return new ExportJob(id, state, purpose, submittedBy, request, source, createdAt, startedAt, runStartRows,
                finishedAt, expiresAt, rows, totalRows, bytes, pitId, searchAfter, restarts, sha256, error, newLease,
                cancelRequested, manifest);
    }

    public ExportJob withCancelRequested() {
        return new ExportJob(id, state, purpose, submittedBy, request, source, createdAt, startedAt, runStartRows,
                finishedAt, expiresAt, rows, totalRows, bytes, pitId, searchAfter, restarts, sha256, error, lease,
                true, manifest);
    }

    public ExportJob withManifest(String signedManifest) {
        return new ExportJob(id, state, purpose, submittedBy, request, source, createdAt, startedAt, runStartRows,
                finishedAt, expiresAt, rows, totalRows, bytes, pitId, searchAfter, restarts, sha256, error, lease,
                cancelRequested, signedManifest);
    }

    public ExportJob withExpiry(Instant newExpiresAt) {
        return new ExportJob(id, state, purpose, submittedBy, request, source, createdAt, startedAt, runStartRows,
                finishedAt, newExpiresAt, rows, totalRows, bytes, pitId, searchAfter, restarts, sha256, error, lease,
                cancelRequested, manifest);
    }

    public ExportJob withSource(ExportSource newSource) {
        return new ExportJob(id, state, purpose, submittedBy, request, newSource, createdAt, startedAt, runStartRows,
                finishedAt, expiresAt, rows, totalRows, bytes, pitId, searchAfter, restarts, sha256, error, lease,
                cancelRequested, manifest);
    }

    /** Finished: no lease, no scan position; the file's length and digest and the manifest stay. */
    public ExportJob completed(Instant finished, Instant fileExpiry, long fileBytes, String digest,
                               String signedManifest) {
        return new ExportJob(id, ExportState.COMPLETED, purpose, submittedBy, request, source, createdAt, startedAt,
                runStartRows, finished, fileExpiry, rows, totalRows, fileBytes, null, List.of(), restarts, digest,
                null, null, cancelRequested, signedManifest);
    }
}
