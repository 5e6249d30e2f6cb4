package io.logwarden.export.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.export.DataSubject;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.ExportState;
import io.logwarden.export.internal.ExportJobStore.Stored;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How a job ends: completed (manifest signed, audit entry written, and only then the job saved as COMPLETED),
 * failed or canceled (file deleted, audited). The final save is conditional: it never overwrites a job another
 * instance has already ended.
 */
@Component
class ExportFinisher {

    private static final Logger log = LoggerFactory.getLogger(ExportFinisher.class);
    private static final int SAVE_ATTEMPTS = 5;

    private final ExportJobStore store;
    private final ExportFiles files;
    private final ManifestSigner signer;
    private final ExportAuditor auditor;
    private final ExportMetrics metrics;
    private final Pseudonyms pseudonyms;
    private final ExportProperties properties;
    private final Clock clock;

    ExportFinisher(ExportJobStore store, ExportFiles files, ManifestSigner signer, ExportAuditor auditor,
                   ExportMetrics metrics, Pseudonyms pseudonyms, ExportProperties properties,
                   ObjectProvider<Clock> clock) {
        this.store = store;
        this.files = files;
        this.signer = signer;
        this.auditor = auditor;
        this.metrics = metrics;
        this.pseudonyms = pseudonyms;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Signs the finished file's manifest, writes the audit entry, then saves the job as COMPLETED. If the audit
     * entry cannot be written the job is not announced as completed (the caller retries from its checkpoint).
     */
    ExportJob complete(Stored stored, ExportJob job, Path file, long size) throws IOException {
        Instant now = clock.instant();
        String sha256 = ExportFiles.sha256(file);
        String manifest = signer.sign(job, size, sha256, now);
        ExportJob done = job.completed(now, now.plus(properties.fileRetention()), size, sha256, manifest);
        auditor.exportEnded(done, AuditEntry.SUCCESS);
        ExportJob saved = save(stored, forRecord(done));
        log.info("Export {} completed: {} rows, {} bytes, SHA-256 {}", job.id(), done.rows(), size, sha256);
        return saved;
    }

    /** A permanent failure: the partial file is deleted and the failure audited. */
    ExportJob fail(Stored stored, ExportJob job, String reason) {
        files.delete(job);
        ExportJob failed = job.withState(ExportState.FAILED, clock.instant(), reason);
        try {
            auditor.exportEnded(failed, AuditEntry.FAILURE);
        } catch (RuntimeException e) {
            log.warn("Export {} failed and its audit entry could not be written: {}", job.id(), e.toString());
        }
        return save(stored, forRecord(failed));
    }

    /** Canceled by a user: the partial file is deleted and the cancellation audited. */
    ExportJob cancel(Stored stored, ExportJob job) {
        files.delete(job);
        ExportJob canceled = job.withState(ExportState.CANCELED, clock.instant(), null);
        auditor.exportEnded(canceled, "canceled");
        return save(stored, forRecord(canceled));
    }

    /** Saves the end state unless the job already ended elsewhere; keeps a cancel request made meanwhile. */
    private ExportJob save(Stored read, ExportJob ended) {
        Stored current = read;
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            Optional<Stored> saved = store.replace(current, ended);
            if (saved.isPresent()) {
                metrics.ended(ended);
                return ended;
            }
            Optional<Stored> now = store.get(ended.id());
            if (now.isEmpty() || now.get().job().state().finished()) {
                log.info("Export {} had already ended elsewhere ({}); not overwritten", ended.id(),
                        now.map(s -> s.job().state().name()).orElse("deleted"));
                return now.map(Stored::job).orElse(ended);
            }
            current = now.get();
        }
        throw new IllegalStateException("Export " + ended.id() + " kept changing while it was being ended");
    }

    /**
     * What the job record keeps once the job has ended (for {@code logwarden.retention.audit}): a data subject's
     * identifiers only as pseudonyms, a widget's columns without its rows.
     */
    private ExportJob forRecord(ExportJob ended) {
        ExportJob kept = ended.withSource(ended.source().withoutWidgetRows());
        DataSubject subject = kept.source().subject();
        if (subject == null) {
            return kept;
        }
        Map<String, String> hidden = pseudonyms.of(subject);
        return kept.withSource(kept.source().withSubject(new DataSubject(hidden.get("userId"), hidden.get("email"),
                hidden.get("name"))));
    }
}
