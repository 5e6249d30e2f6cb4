package io.logwarden.export;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Export jobs ({@code logwarden.export.*}). Files live in {@link #directory}.
 *
 * @param fileRetention        how long finished export files are kept before they are deleted (the job record and
 *                             its signed manifest stay for {@code logwarden.retention.audit})
 * @param pageSize             rows read from Elasticsearch per request
 * @param pointInTimeKeepAlive how long a point in time survives between two pages; a job interrupted for longer
 *                             than this restarts from the beginning instead of resuming
 * @param checkpointInterval   how often a running job persists its position (file length and scan cursor) and
 *                             renews its lease; a cancel from another instance takes effect within it
 * @param concurrentJobs       jobs running at the same time on this instance; more wait in the queue
 * @param signingKey           secret for the HMAC-SHA256 signature of manifests; empty: a random key is generated
 *                             once and kept in {@code ${logwarden.data-dir}/keys/export-signing.key} (configure it
 *                             explicitly when several instances share the cluster)
 * @param anonymisationKey     secret of the keyed hash that replaces identifiers in data-subject anonymisation;
 *                             empty: generated once into {@code ${logwarden.data-dir}/keys/anonymisation.key}
 * @param cleanupInterval      how often expired export files and job records are looked for
 * @param leaseDuration        how long a job stays with the instance running it without a renewal; after that
 *                             another instance takes it over from its last checkpoint
 * @param pollInterval         how often an instance looks for queued jobs and jobs whose instance is gone
 * @param maxRetryDelay        longest wait between two attempts while Elasticsearch is unavailable (the job is
 *                             PAUSED meanwhile and continues from its last checkpoint)
 * @param directory            where export files are written; empty: {@code ${logwarden.data-dir}/exports}. When
 *                             several instances run, a directory they all mount: any of them may resume another's
 *                             job from its checkpoint or serve its download
 */
@Validated
@ConfigurationProperties("logwarden.export")
public record ExportProperties(
        @NotNull @DefaultValue("7d") Duration fileRetention,
        @Min(100) @Max(10_000) @DefaultValue("5000") int pageSize,
        @NotNull @DefaultValue("30m") Duration pointInTimeKeepAlive,
        @NotNull @DefaultValue("5s") Duration checkpointInterval,
        @Min(1) @Max(16) @DefaultValue("2") int concurrentJobs,
        String signingKey,
        String anonymisationKey,
        @NotNull @DefaultValue("15m") Duration cleanupInterval,
        @NotNull @DefaultValue("60s") Duration leaseDuration,
        @NotNull @DefaultValue("5s") Duration pollInterval,
        @NotNull @DefaultValue("30s") Duration maxRetryDelay,
        Path directory) {

    @AssertTrue(message = "logwarden.export.lease-duration must be at least three checkpoint intervals, so that a "
            + "running job renews its lease in time")
    public boolean isLeaseLongerThanCheckpoints() {
        return leaseDuration == null || checkpointInterval == null
                || leaseDuration.compareTo(checkpointInterval.multipliedBy(3)) >= 0;
    }
}
