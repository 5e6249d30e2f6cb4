package io.logwarden.export.internal;

import io.logwarden.export.ExportJob;
import io.logwarden.storage.DocumentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Export jobs persisted in the {@code .logwarden-export-jobs} system index. */
@Component
class ExportJobStore {

    static final String INDEX = ".logwarden-export-jobs";
    private static final int MAX_JOBS = 10_000;

    private final DocumentStore store;

    ExportJobStore(DocumentStore store) {
        this.store = store;
    }

    void save(ExportJob job) {
        store.save(INDEX, job.id(), job);
    }

    Optional<ExportJob> find(String id) {
        return store.find(INDEX, id, ExportJob.class);
    }

    /** Newest first. */
    List<ExportJob> all() {
        return store.findAll(INDEX, ExportJob.class, MAX_JOBS).stream()
                .sorted(Comparator.comparing(ExportJob::createdAt).reversed()).toList();
    }

    void delete(String id) {
        store.delete(INDEX, id);
    }
}
