package io.logwarden.export;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Export jobs ({@code logwarden.export.*}). Files live in {@code ${logwarden.data-dir}/exports}.
 *
 * @param fileRetention      how long finished export files are kept before they are deleted
 * @param pageSize           rows read from Elasticsearch per request
 * @param pointInTimeKeepAlive how long a point in time survives between two pages; a job interrupted for longer
 *                           than this restarts from the beginning instead of resuming
 * @param checkpointInterval how often a running job persists its position (file length and scan cursor)
 * @param concurrentJobs     jobs running at the same time on this instance; more wait in the queue
 * @param signingKey         secret for the HMAC-SHA256 signature of manifests; empty: a random key is generated
 *                           once and kept in {@code ${logwarden.data-dir}/keys/export-signing.key} (configure it
 *                           explicitly when several instances share the cluster)
 * @param anonymisationKey   secret of the keyed hash that replaces identifiers in data-subject anonymisation; empty:
 *                           generated once into {@code ${logwarden.data-dir}/keys/anonymisation.key}
 * @param cleanupInterval    how often expired export files are looked for
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
        @NotNull @DefaultValue("15m") Duration cleanupInterval) {
}
