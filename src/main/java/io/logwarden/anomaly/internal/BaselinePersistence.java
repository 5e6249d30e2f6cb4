package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.storage.DocumentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saves and restores detector baselines in the {@code .logwarden-anomaly-baselines} system index: one document per
 * detector plus a cursor (how far windows and job runs have been learned), so a restart neither forgets nor
 * learns a window twice. The state is kept in {@code _source} only (not indexed).
 */
final class BaselinePersistence {

    static final String INDEX = ".logwarden-anomaly-baselines";

    record Cursor(Instant savedAt, Instant state) {
    }

    record DurationDoc(Instant savedAt, Map<String, UnivariateScorer.Snapshot> state) {
    }

    record ErrorRateDoc(Instant savedAt, Map<String, long[][]> state) {
    }

    record JobsDoc(Instant savedAt, Map<String, double[][]> state) {
    }

    record SilentEntry(AnomalyEntity entity, UnivariateScorer.Snapshot snapshot) {
    }

    record SilenceDoc(Instant savedAt, List<SilentEntry> state) {
    }

    record MultivariateDoc(Instant savedAt, Map<String, double[][]> state) {
    }

    private final DocumentStore store;

    BaselinePersistence(DocumentStore store) {
        this.store = store;
    }

    void save(Detectors d, Instant windowsUntil, Instant now) {
        store.save(INDEX, "duration", new DurationDoc(now, d.duration.snapshot()));
        store.save(INDEX, "error-rate", new ErrorRateDoc(now, d.errorRate.snapshot()));
        store.save(INDEX, "jobs", new JobsDoc(now, d.jobs.snapshot()));
        List<SilentEntry> silent = new ArrayList<>();
        d.silence.snapshot().forEach((e, s) -> silent.add(new SilentEntry(e, s)));
        store.save(INDEX, "silence", new SilenceDoc(now, silent));
        store.save(INDEX, "multivariate", new MultivariateDoc(now, d.multivariate.snapshot()));
        // The cursor goes last: if saving stops half-way, windows are relearned rather than skipped.
        store.save(INDEX, "cursor", new Cursor(now, windowsUntil));
    }

    /** Restores the detectors; returns the end of the windows already learned, if any state was saved. */
    Optional<Instant> restore(Detectors d) {
        Optional<Cursor> cursor = store.find(INDEX, "cursor", Cursor.class);
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        store.find(INDEX, "duration", DurationDoc.class).ifPresent(doc -> d.duration.restore(doc.state()));
        store.find(INDEX, "error-rate", ErrorRateDoc.class).ifPresent(doc -> d.errorRate.restore(doc.state()));
        store.find(INDEX, "jobs", JobsDoc.class).ifPresent(doc -> d.jobs.restore(doc.state()));
        store.find(INDEX, "silence", SilenceDoc.class).ifPresent(doc -> {
            Map<AnomalyEntity, UnivariateScorer.Snapshot> m = new HashMap<>();
            doc.state().forEach(e -> m.put(e.entity(), e.snapshot()));
            d.silence.restore(m);
        });
        store.find(INDEX, "multivariate", MultivariateDoc.class).ifPresent(doc -> d.multivariate.restore(doc.state()));
        return Optional.ofNullable(cursor.get().state());
    }
}
