package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.storage.AnomalyFeatureQueries.ActionWindow;
import io.logwarden.storage.AnomalyFeatureQueries.HostWindow;
import io.logwarden.storage.AnomalyFeatureQueries.JobRun;
import io.logwarden.storage.AnomalyFeatureQueries.ServiceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All detectors of one Logwarden instance and the feeding of extracted features into them, window by window in
 * time order. Not thread-safe: callers synchronise.
 */
public final class Detectors {

    private final AnomalyFactory factory;
    final DurationDetector duration;
    final ErrorRateDetector errorRate;
    final StuckJobDetector jobs;
    final SilentSourceDetector silence;
    final MultivariateDetector multivariate;

    public Detectors(AnomalyProperties properties) {
        this.factory = new AnomalyFactory(properties);
        this.duration = new DurationDetector(factory);
        this.errorRate = new ErrorRateDetector(factory);
        this.jobs = new StuckJobDetector(factory);
        this.silence = new SilentSourceDetector(factory);
        this.multivariate = new MultivariateDetector(factory);
    }

    /**
     * Feeds the windows in [from, to) (aligned to {@code window}); returns the anomalies of windows that end after
     * {@code reportAfter} (older ones are learned from but not reported: history at start).
     */
    public List<Anomaly> observeWindows(Instant from, Instant to, Duration window, List<ServiceWindow> services,
                                        List<ActionWindow> actions, List<HostWindow> hosts, Instant reportAfter,
                                        Instant now) {
        Map<Instant, List<ServiceWindow>> byService = group(services, ServiceWindow::start);
        Map<Instant, List<ActionWindow>> byAction = group(actions, ActionWindow::start);
        Map<Instant, List<HostWindow>> byHost = group(hosts, HostWindow::start);
        List<Anomaly> out = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(window)) {
            Instant end = start.plus(window);
            List<Anomaly> found = new ArrayList<>();
            Map<AnomalyEntity, Long> counts = new HashMap<>();
            for (ServiceWindow s : byService.getOrDefault(start, List.of())) {
                counts.put(AnomalyEntity.service(s.service()), s.events());
                errorRate.observe(new ErrorRateDetector.Observation(s.service(), start, end, s.events(), s.errors()),
                        now).ifPresent(found::add);
                double rate = s.events() == 0 ? 0 : (double) s.errors() / s.events();
                multivariate.observe(new MultivariateDetector.Observation(s.service(), start, end, s.events(), rate,
                        Double.isNaN(s.p95DurationMillis()) ? 0 : s.p95DurationMillis(), s.distinctUsers()), now)
                        .ifPresent(found::add);
            }
            for (ActionWindow a : byAction.getOrDefault(start, List.of())) {
                duration.observe(new DurationDetector.Observation(a.service(), a.action(), start, end, a.events(),
                        a.p95DurationMillis()), now).ifPresent(found::add);
            }
            for (HostWindow h : byHost.getOrDefault(start, List.of())) {
                counts.put(AnomalyEntity.host(h.host()), h.events());
            }
            found.addAll(silence.observe(new SilentSourceDetector.Observation(start, end, counts), now));
            if (end.isAfter(reportAfter)) {
                out.addAll(found);
            }
        }
        return out;
    }

    /** Learns runs that finished in [learnFrom, now) and judges the runs still open. */
    public List<Anomaly> observeJobs(List<JobRun> runs, Instant learnFrom, Instant now) {
        List<StuckJobDetector.OpenRun> open = new ArrayList<>();
        for (JobRun r : runs) {
            if (r.finishedAt() != null) {
                if (r.startedAt() != null && !r.finishedAt().isBefore(learnFrom)) {
                    jobs.learn(new StuckJobDetector.FinishedRun(r.jobName(), r.jobId(),
                            Duration.between(r.startedAt(), r.finishedAt()), r.heartbeats()));
                }
            } else if (r.startedAt() != null) {
                open.add(new StuckJobDetector.OpenRun(r.jobName(), r.jobId(), r.startedAt(), r.lastSeen(),
                        r.heartbeats()));
            }
        }
        return jobs.check(open, now);
    }

    /** Feedback routed to the detector that raised the anomaly; false if it cannot learn it (any more). */
    public boolean learnNormal(Anomaly a) {
        switch (a.kind()) {
            case DURATION -> duration.learnNormal(a);
            case ERROR_RATE -> errorRate.learnNormal(a, 1000);
            case STUCK_JOB -> jobs.learnNormal(a);
            case SILENT_SOURCE -> silence.learnNormal(a);
            case MULTIVARIATE -> {
                return multivariate.learnNormal(a);
            }
        }
        return true;
    }

    public int seriesCount() {
        return duration.seriesCount() + errorRate.seriesCount() + jobs.seriesCount() + silence.seriesCount()
                + multivariate.seriesCount();
    }

    public AnomalyFactory factory() {
        return factory;
    }

    private static <T> Map<Instant, List<T>> group(List<T> items, java.util.function.Function<T, Instant> key) {
        Map<Instant, List<T>> out = new TreeMap<>();
        for (T t : items) {
            out.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        }
        return out;
    }
}
