package io.logwarden.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Audit trail settings ({@code logwarden.audit.*}).
 *
 * @param queueCapacity   records waiting to be written before {@link AuditService#record} makes callers wait (and,
 *                        after {@code submitTimeout}, fail): a stalled Elasticsearch shows as refused actions, never
 *                        as silently missing records
 * @param submitTimeout   how long a caller waits for room in a full queue
 * @param shutdownTimeout how long shutdown waits for the queue to be written
 * @param writeInterval   how often the writer looks for queued records; it is not woken for each one (waking a
 *                        thread cost the recording search 0.1 ms), only by a caller that waits for its record
 */
@Validated
@ConfigurationProperties("logwarden.audit")
public record AuditProperties(@Min(100) @Max(10_000_000) @DefaultValue("100000") int queueCapacity,
                              @NotNull @DefaultValue("5s") Duration submitTimeout,
                              @NotNull @DefaultValue("30s") Duration shutdownTimeout,
                              @NotNull @DefaultValue("20ms") Duration writeInterval) {
}
