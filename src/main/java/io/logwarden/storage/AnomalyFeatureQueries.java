package io.logwarden.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Per-window features for anomaly detection, computed by aggregations in Elasticsearch: the cost grows with the
 * number of series (services, actions, hosts, job runs) and windows, not with the number of events.
 * Windows are aligned to multiples of {@code window} since the epoch; only non-empty windows are returned.
 */
public interface AnomalyFeatureQueries {

    /** One service in one window; {@code p95DurationMillis} is NaN when no event carried a duration. */
    record ServiceWindow(String service, Instant start, long events, long errors, double p95DurationMillis,
                         long distinctUsers) {
    }

    /** One action of one service in one window, over events that carry {@code event.duration}. */
    record ActionWindow(String service, String action, Instant start, long events, double p95DurationMillis) {
    }

    /** Events of one host in one window. */
    record HostWindow(String host, Instant start, long events) {
    }

    /**
     * One job run seen in the period: its start (null if the start event is older), its last event, its finish
     * (null while running) and its heartbeat count.
     */
    record JobRun(String jobName, String jobId, Instant startedAt, Instant lastSeen, Instant finishedAt,
                  long heartbeats) {
    }

    /** Errors are events with {@code log.level} error or critical, or {@code event.outcome} failure. */
    List<ServiceWindow> serviceWindows(Instant from, Instant to, Duration window, int maxSeries);

    List<ActionWindow> actionWindows(Instant from, Instant to, Duration window, int maxSeries);

    List<HostWindow> hostWindows(Instant from, Instant to, Duration window, int maxSeries);

    List<JobRun> jobRuns(Instant from, Instant to, int maxRuns);
}
