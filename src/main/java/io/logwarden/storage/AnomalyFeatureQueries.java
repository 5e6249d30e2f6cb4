package io.logwarden.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Per-window features for anomaly detection, computed by aggregations in Elasticsearch: the cost grows with the
 * number of series (services, actions, hosts, job runs) and windows, not with the number of events. Windows are
 * aligned to multiples of {@code window} since the epoch. System queries: no user scope applies.
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
     * The features of one window (empty lists when it had no events).
     *
     * @param truncated series left out of this window because a kind had more than the cap
     */
    record WindowFeatures(Instant start, List<ServiceWindow> services, List<ActionWindow> actions,
                          List<HostWindow> hosts, int truncated) {
    }

    /**
     * What the job events of [from, to) say about each run (one entry per job name and id).
     *
     * @param service    service.name of its events, if any
     * @param startedAt  its {@code started} event in the interval, else null
     * @param lastSeen   its latest event in the interval
     * @param finishedAt its {@code succeeded}/{@code failed}/{@code canceled} event in the interval, else null
     * @param heartbeats its {@code heartbeat} events in the interval
     */
    record JobActivity(String service, String jobName, String jobId, Instant startedAt, Instant lastSeen,
                       Instant finishedAt, long heartbeats) {
    }

    /**
     * Events to find the tenants of: those in [from, to) whose fields equal {@code terms}.
     *
     * @param key the caller's name for the answer
     */
    record TenantProbe(String key, Map<String, String> terms, Instant from, Instant to) {
    }

    /**
     * Calls {@code sink} for every window in [from, to), in time order, with its features. Windows are fetched a few
     * at a time, so memory stays within the series of a few windows whatever the range. Errors are events with
     * {@code log.level} error or critical, or {@code event.outcome} failure. At most {@code maxSeriesPerWindow}
     * series of each kind are returned per window (the first by name); the rest are counted as truncated.
     */
    void windows(Instant from, Instant to, Duration window, int maxSeriesPerWindow, Consumer<WindowFeatures> sink);

    /** Job runs with events in [from, to); at most {@code maxRuns}. */
    List<JobActivity> jobActivity(Instant from, Instant to, int maxRuns);

    /** The latest {@code event.ingested} of events received in [since, until), if any. */
    Optional<Instant> latestIngested(Instant since, Instant until);

    /** The tenants ({@code organization.id}) of each probe's events, sorted, at most {@code maxTenants} each. */
    Map<String, List<String>> tenants(List<TenantProbe> probes, int maxTenants);
}
