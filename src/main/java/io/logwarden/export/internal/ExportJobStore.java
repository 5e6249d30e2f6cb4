package io.logwarden.export.internal;

import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportJobPage;
import io.logwarden.export.ExportState;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Sort;
import io.logwarden.storage.VersionedDocumentStore.Version;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Export jobs in the {@code .logwarden-export-jobs} system index. Every change is conditional on the version last
 * read (optimistic concurrency), so two instances can never both claim a job, and a cancel or a lease taken over
 * shows up as a conflict at the next write of the instance running the job.
 */
@Component
class ExportJobStore {

    static final String INDEX = ".logwarden-export-jobs";
    private static final List<String> UNFINISHED = List.of(ExportState.QUEUED.name(), ExportState.RUNNING.name(),
            ExportState.PAUSED.name());
    private static final List<String> PRUNABLE = List.of(ExportState.EXPIRED.name(), ExportState.FAILED.name(),
            ExportState.CANCELED.name());

    /** A job as read, with the version a conditional write must be based on. */
    record Stored(ExportJob job, Version version) {
    }

    private final VersionedDocumentStore store;

    ExportJobStore(VersionedDocumentStore store) {
        this.store = store;
    }

    /** Stores a new job; fails if the id is taken. */
    Stored create(ExportJob job) {
        Version version = store.create(INDEX, job.id(), job)
                .orElseThrow(() -> new IllegalStateException("Export " + job.id() + " exists already"));
        return new Stored(job, version);
    }

    /** The job as it is now (a real-time get: sees every write, refreshed or not). */
    Optional<Stored> get(String id) {
        return store.get(INDEX, id, ExportJob.class).map(v -> new Stored(v.document(), v.version()));
    }

    Optional<ExportJob> find(String id) {
        return get(id).map(Stored::job);
    }

    /** Replaces the job if nobody changed it since {@code read}; visible to searches when it returns. */
    Optional<Stored> replace(Stored read, ExportJob job) {
        return store.replace(INDEX, job.id(), job, read.version()).map(v -> new Stored(job, v));
    }

    /** Like {@link #replace} without waiting for a refresh: for checkpoints, every few seconds per running job. */
    Optional<Stored> checkpoint(Stored read, ExportJob job) {
        return store.replaceQuietly(INDEX, job.id(), job, read.version()).map(v -> new Stored(job, v));
    }

    /** A page of jobs, newest first; only {@code username}'s when it is not null. */
    ExportJobPage page(String username, int from, int size) {
        Map<String, Object> filter = username == null ? Map.of() : Map.of("submittedBy.username", username);
        VersionedDocumentStore.Page<ExportJob> page = store.page(INDEX, filter,
                List.of(new Sort("createdAt", true), new Sort("id", false)), from, size, ExportJob.class);
        return new ExportJobPage(page.total(), page.documents().stream().map(Versioned::document).toList());
    }

    /** Queued, running and paused jobs, oldest first: candidates to claim. */
    List<Stored> unfinished(int max) {
        return stored(store.search(INDEX, Map.of("state", UNFINISHED), List.of(new Sort("createdAt", false)), max,
                ExportJob.class));
    }

    /** Completed jobs, the earliest file expiry first. */
    List<Stored> completedByExpiry(int max) {
        return stored(store.search(INDEX, Map.of("state", ExportState.COMPLETED.name()),
                List.of(new Sort("expiresAt", false)), max, ExportJob.class));
    }

    /** Expired, failed and canceled jobs, the earliest finished first. */
    List<Stored> finishedByAge(int max) {
        return stored(store.search(INDEX, Map.of("state", PRUNABLE), List.of(new Sort("finishedAt", false)), max,
                ExportJob.class));
    }

    void delete(String id) {
        store.delete(INDEX, id);
    }

    private static List<Stored> stored(List<Versioned<ExportJob>> found) {
        return found.stream().map(v -> new Stored(v.document(), v.version())).toList();
    }
}
