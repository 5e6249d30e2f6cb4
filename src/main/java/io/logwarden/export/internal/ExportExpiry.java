package io.logwarden.export.internal;

import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportState;
import io.logwarden.export.internal.ExportJobStore.Stored;
import io.logwarden.retention.RetentionProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes export files whose retention has passed (the job becomes EXPIRED and keeps its signed manifest), and the
 * records of ended jobs once they are older than the audit retention ({@code logwarden.retention.audit}): as long as
 * the audit trail documents an export, its manifest can prove what the export contained.
 */
@Component
class ExportExpiry {

    private static final Logger log = LoggerFactory.getLogger(ExportExpiry.class);
    private static final int BATCH = 500;

    private final ExportJobStore store;
    private final ExportFiles files;
    private final RetentionProperties retention;
    private final Clock clock;

    ExportExpiry(ExportJobStore store, ExportFiles files, RetentionProperties retention,
                 ObjectProvider<Clock> clock) {
        this.store = store;
        this.files = files;
        this.retention = retention;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Scheduled(fixedDelayString = "${logwarden.export.cleanup-interval:15m}", initialDelayString = "1m")
    void scheduled() {
        try {
            expire();
            prune();
        } catch (RuntimeException e) {
            log.warn("Export clean-up failed; retrying at the next interval", e);
        }
    }

    /** Deletes the files of completed jobs past their expiry; returns how many expired. */
    int expire() {
        Instant now = clock.instant();
        int expired = 0;
        while (true) {
            List<Stored> batch = store.completedByExpiry(BATCH).stream()
                    .filter(s -> s.job().expiresAt() != null && !s.job().expiresAt().isAfter(now)).toList();
            int before = expired;
            for (Stored stored : batch) {
                ExportJob job = stored.job();
                files.delete(job);
                if (store.replace(stored, job.withState(ExportState.EXPIRED, job.finishedAt(), null)).isPresent()) {
                    log.info("Deleted expired export file {} (the record and manifest stay)", job.fileName());
                    expired++;
                }
            }
            if (batch.size() < BATCH || expired == before) {
                return expired;
            }
        }
    }

    /** Deletes the records of ended jobs older than the audit retention; returns how many. */
    int prune() {
        Instant cutoff = clock.instant().minus(retention.audit());
        int pruned = 0;
        while (true) {
            List<Stored> batch = store.finishedByAge(BATCH).stream()
                    .filter(s -> s.job().finishedAt() == null || s.job().finishedAt().isBefore(cutoff)).toList();
            for (Stored stored : batch) {
                files.delete(stored.job());
                store.delete(stored.job().id());
                pruned++;
            }
            if (batch.size() < BATCH) {
                if (pruned > 0) {
                    log.info("Deleted {} export records older than the audit retention ({} days)", pruned,
                            retention.audit().toDays());
                }
                return pruned;
            }
        }
    }
}
