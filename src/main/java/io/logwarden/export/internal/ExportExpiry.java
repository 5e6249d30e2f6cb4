package io.logwarden.export.internal;

import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportState;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes export files whose retention has passed; the job record stays, marked EXPIRED, as history. */
@Component
class ExportExpiry {

    private static final Logger log = LoggerFactory.getLogger(ExportExpiry.class);

    private final ExportJobStore store;
    private final ExportFiles files;
    private final Clock clock;

    ExportExpiry(ExportJobStore store, ExportFiles files, ObjectProvider<Clock> clock) {
        this.store = store;
        this.files = files;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Scheduled(fixedDelayString = "${logwarden.export.cleanup-interval:15m}", initialDelayString = "1m")
    void scheduled() {
        try {
            expire();
        } catch (RuntimeException e) {
            log.warn("Export file clean-up failed; retrying at the next interval", e);
        }
    }

    /** Returns how many exports expired. */
    int expire() {
        Instant now = clock.instant();
        int expired = 0;
        for (ExportJob job : store.all()) {
            if (job.state() == ExportState.COMPLETED && job.expiresAt() != null && !job.expiresAt().isAfter(now)) {
                files.deleteAll(job);
                store.save(job.withState(ExportState.EXPIRED, job.finishedAt(), null));
                log.info("Deleted expired export {} ({})", job.id(), job.fileName());
                expired++;
            }
        }
        return expired;
    }
}
