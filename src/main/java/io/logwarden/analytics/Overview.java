package io.logwarden.analytics;

/**
 * The charts of the overview dashboard, computed together from one Elasticsearch search.
 *
 * @param range           what they show
 * @param volumeByLevel   events per bucket by {@code log.level}
 * @param volumeByService events per bucket by {@code service.name}
 * @param volumeBySource  events per bucket by {@code audit.source}
 * @param errorRate       errors ÷ all events per bucket and service, in percent
 * @param durations       p50/p95/p99 of {@code event.duration} per bucket for the top actions, in ms
 * @param topActions      most frequent {@code event.action}
 * @param topErrorTypes   most frequent {@code error.type}
 * @param topUsers        most frequent {@code user.name} (pseudonymised for users without PII access)
 * @param topEntities     most frequent {@code audit.entity.id}
 * @param auditStatus     events per {@code audit.status}
 * @param userVsSystem    events per {@code audit.source}: the sums of {@code volumeBySource}
 */
public record Overview(TimeRange range, TimeSeries volumeByLevel, TimeSeries volumeByService,
                       TimeSeries volumeBySource, TimeSeries errorRate, TimeSeries durations, Breakdown topActions,
                       Breakdown topErrorTypes, Breakdown topUsers, Breakdown topEntities, Breakdown auditStatus,
                       Breakdown userVsSystem) {
}
