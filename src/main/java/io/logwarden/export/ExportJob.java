package io.logwarden.export;

import io.logwarden.security.CurrentUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An export job as stored in {@code .logwarden-export-jobs}: what it exports, for whom, and how far it got. The
 * checkpoint ({@code bytes}, {@code pitId}, {@code searchAfter}) is what a restarted job continues from.
 *
 * @param id          job id, also the file's base name
 * @param state       where the job is in its life cycle
 * @param purpose     {@code search} or {@code data-subject}
 * @param submittedBy the user (with the scope and PII visibility they had) the job runs for
 * @param request     query, range, fields, format
 * @param indices     the indices read
 * @param anyOfTerms  exact-value conditions of a data-subject export (empty otherwise)
 * @param createdAt   submission time
 * @param startedAt   when the current run started (reset on resume)
 * @param runStartRows rows already written when the current run started
 * @param finishedAt  completion, failure or cancellation time
 * @param expiresAt   when the file is deleted
 * @param rows        rows written so far (at the last checkpoint while running)
 * @param totalRows   rows matching in the point in time, -1 until known
 * @param bytes       file length at the last checkpoint
 * @param pitId       point in time being read
 * @param searchAfter sort values of the last row of the last checkpoint
 * @param restarts    how often the job was resumed or restarted
 * @param sha256      SHA-256 of the finished file
 * @param error       why the job failed
 */
public record ExportJob(String id, ExportState state, String purpose, CurrentUser submittedBy, ExportRequest request,
                        List<String> indices, Map<String, Set<String>> anyOfTerms, Instant createdAt,
                        Instant startedAt, long runStartRows, Instant finishedAt, Instant expiresAt, long rows,
                        long totalRows, long bytes, String pitId, List<Object> searchAfter, int restarts,
                        String sha256, String error) {

    public static final String PURPOSE_SEARCH = "search";
    public static final String PURPOSE_DATA_SUBJECT = "data-subject";

    public ExportJob {
        indices = indices == null ? List.of() : List.copyOf(indices);
        anyOfTerms = anyOfTerms == null ? Map.of() : Map.copyOf(anyOfTerms);
        searchAfter = searchAfter == null ? List.of() : searchAfter;
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
        return new ExportJob(id, newState, purpose, submittedBy, request, indices, anyOfTerms, createdAt, startedAt,
                runStartRows, finished, expiresAt, rows, totalRows, bytes, pitId, searchAfter, restarts, sha256,
                newError);
    }

    public ExportJob withRun(Instant started, int newRestarts) {
        return new ExportJob(id, ExportState.RUNNING, purpose, submittedBy, request, indices, anyOfTerms, createdAt,
                started, rows, finishedAt, expiresAt, rows, totalRows, bytes, pitId, searchAfter, newRestarts,
                sha256, error);
    }

    public ExportJob withProgress(long newRows, long newTotal, long newBytes, String newPit, List<Object> after) {
        return new ExportJob(id, state, purpose, submittedBy, request, indices, anyOfTerms, createdAt, startedAt,
                runStartRows, finishedAt, expiresAt, newRows, newTotal, newBytes, newPit, after, restarts, sha256,
                error);
    }

    public ExportJob completed(Instant finished, long newBytes, String digest) {
        return new ExportJob(id, ExportState.COMPLETED, purpose, submittedBy, request, indices, anyOfTerms,
                createdAt, startedAt, runStartRows, finished, expiresAt, rows, totalRows, newBytes, null, List.of(),
                restarts, digest, null);
    }
}
