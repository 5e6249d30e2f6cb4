package io.logwarden.health;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds of the health components ({@code logwarden.health.*}); each component is healthy below its degraded
 * threshold, degraded from it, unhealthy from its unhealthy threshold.
 *
 * @param elasticsearch query time thresholds of Elasticsearch
 * @param ingest        journal lag and time since the last received event
 * @param errorRate     share of error and critical events over the last hour
 * @param activity      events received recently
 * @param publicCacheTtl how long the answer to an anonymous {@code /actuator/health} (status only) is reused, so
 *                       frequent unauthenticated probes do not each query Elasticsearch (admins always get a fresh
 *                       evaluation); 0 evaluates every time
 */
@Validated
@ConfigurationProperties("logwarden.health")
public record HealthProperties(@Valid @NotNull @DefaultValue Elasticsearch elasticsearch,
                               @Valid @NotNull @DefaultValue Ingest ingest,
                               @Valid @NotNull @DefaultValue ErrorRate errorRate,
                               @Valid @NotNull @DefaultValue Activity activity,
                               @NotNull @DefaultValue("10s") Duration publicCacheTtl) {

    /**
     * @param queryTimeDegraded  a probe query slower than this is degraded (default 1 s)
     * @param queryTimeUnhealthy a probe query slower than this is unhealthy (default 10 s)
     */
    public record Elasticsearch(@NotNull @DefaultValue("1s") Duration queryTimeDegraded,
                                @NotNull @DefaultValue("10s") Duration queryTimeUnhealthy) {
    }

    /**
     * @param journalLagDegraded      journalled events not yet indexed from which ingest is degraded (default 10000)
     * @param journalLagUnhealthy     ... unhealthy (default 1000000)
     * @param lastEventDegraded       no event received for this long is degraded (default 1 h)
     * @param lastEventUnhealthy      ... unhealthy (default: not set, a quiet system is never unhealthy for it)
     */
    public record Ingest(@PositiveOrZero @DefaultValue("10000") long journalLagDegraded,
                         @PositiveOrZero @DefaultValue("1000000") long journalLagUnhealthy,
                         @NotNull @DefaultValue("1h") Duration lastEventDegraded,
                         Duration lastEventUnhealthy) {
    }

    /**
     * @param degradedPercent  error share (percent of events at level error or critical) from which the last hour is
     *                         degraded (default 5)
     * @param unhealthyPercent ... unhealthy (default 50)
     * @param minEvents        with fewer events than this in the hour the rate is not judged (default 20)
     */
    public record ErrorRate(@DecimalMin("0") @DecimalMax("100") @DefaultValue("5") double degradedPercent,
                            @DecimalMin("0") @DecimalMax("100") @DefaultValue("50") double unhealthyPercent,
                            @PositiveOrZero @DefaultValue("20") long minEvents) {
    }

    /**
     * @param window       how far back "recent" reaches (default 15 min)
     * @param minEvents    fewer events than this in the window is degraded (default 0: never)
     */
    public record Activity(@NotNull @DefaultValue("15m") Duration window,
                           @PositiveOrZero @DefaultValue("0") long minEvents) {
    }
}
