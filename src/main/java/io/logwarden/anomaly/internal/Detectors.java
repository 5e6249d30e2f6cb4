package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.storage.AnomalyFeatureQueries.ActionWindow;
import io.logwarden.storage.AnomalyFeatureQueries.HostWindow;
import io.logwarden.storage.AnomalyFeatureQueries.JobActivity;
import io.logwarden.storage.AnomalyFeatureQueries.ServiceWindow;
import io.logwarden.storage.AnomalyFeatureQueries.WindowFeatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All detectors of one Logwarden instance and the feeding of extracted features into them, window by window in
 * time order. Not thread-safe: the cycle runs it on one thread.
 */
public final class Detectors {

    private final AnomalyFactory factory;
    final DurationDetector duration;
    final ErrorRateDetector errorRate;
    final StuckJobDetector jobs;
    final SilentSourceDetector silence;
    final MultivariateDetector multivariate;
    private long truncated;

    public Detectors(AnomalyProperties properties) {
        this.factory = new AnomalyFactory(properties);
        this.duration = new DurationDetector(factory);
        this.errorRate = new ErrorRateDetector(factory);
        this.jobs = new StuckJobDetector(factory);
        this.silence = new SilentSourceDetector(factory);
        this.multivariate = new MultivariateDetector(factory);
    }

    /**
     * Scores and then learns one window. A multivariate anomaly of a service is left out when a single-metric
     * detector already flagged that service in the window: the combination detector reports what the others miss.
     */
    public List<Anomaly> observeWindow(WindowFeatures f, Duration window, Instant now) {
        Instant start = f.start();
        Instant end = start.plus(window);
        truncated += f.truncated();
        List<Anomaly> found = new ArrayList<>();
        List<Anomaly> combinations = new ArrayList<>();
        Map<AnomalyEntity, Long> counts = new HashMap<>();
        for (ServiceWindow s : f.services()) {
            counts.put(AnomalyEntity.service(s.service()), s.events());
            errorRate.observe(new ErrorRateDetector.Observation(s.service(), start, end, s.events(), s.errors()),
                    now).ifPresent(found::add);
            double rate = s.events() == 0 ? 0 : (double) s.errors() / s.events();
            multivariate.observe(new MultivariateDetector.Observation(s.service(), start, end, s.events(), rate,
                    Double.isNaN(s.p95DurationMillis()) ? 0 : s.p95DurationMillis(), s.distinctUsers()), now)
                    .ifPresent(combinations::add);
        }
        multivariate.endWindow();
        for (ActionWindow a : f.actions()) {
            duration.observe(new DurationDetector.Observation(a.service(), a.action(), start, end, a.events(),
                    a.p95DurationMillis()), now).ifPresent(found::add);
        }
        for (HostWindow h : f.hosts()) {
            counts.put(AnomalyEntity.host(h.host()), h.events());
        }
        found.addAll(silence.observe(new SilentSourceDetector.Observation(start, end, counts), now));
        Set<String> flagged = new HashSet<>();
        for (Anomaly a : found) {
            if (a.entity().service() != null) {
                flagged.add(a.entity().service());
            }
        }
        for (Anomaly c : combinations) {
            if (!flagged.contains(c.entity().service())) {
                found.add(c);
            }
        }
        return found;
    }

    /** Adds the job events of one interval (each interval exactly once). */
    public void observeJobs(List<JobActivity> activity) {
        List<StuckJobDetector.Activity> runs = new ArrayList<>(activity.size());
        for (JobActivity a : activity) {
            runs.add(new StuckJobDetector.Activity(a.service(), a.jobName(), a.jobId(), a.startedAt(), a.lastSeen(),
                    a.finishedAt(), a.heartbeats()));
        }
        jobs.apply(runs);
    }

    /** Judges the job runs still open; runs silent for longer than {@code forgetAfter} are dropped. */
    public List<Anomaly> checkJobs(Instant now, Duration forgetAfter) {
        return jobs.check(now, forgetAfter);
    }

    /** Feedback routed to the detector that raised the anomaly. */
    public FeedbackOutcome learnNormal(Anomaly a) {
        return switch (a.kind()) {
            case DURATION -> duration.learnNormal(a);
            case ERROR_RATE -> errorRate.learnNormal(a);
            case STUCK_JOB -> jobs.learnNormal(a);
            case SILENT_SOURCE -> silence.learnNormal(a);
            case MULTIVARIATE -> multivariate.learnNormal(a);
        };
    }

    /** Series tracked, per kind. */
    public Map<AnomalyKind, Integer> seriesByKind() {
        return Map.of(AnomalyKind.DURATION, duration.seriesCount(), AnomalyKind.ERROR_RATE, errorRate.seriesCount(),
                AnomalyKind.STUCK_JOB, jobs.seriesCount(), AnomalyKind.SILENT_SOURCE, silence.seriesCount(),
                AnomalyKind.MULTIVARIATE, multivariate.seriesCount());
    }

    public int seriesCount() {
        return seriesByKind().values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Series not tracked because of {@code logwarden.anomaly.max-series-per-kind}: new series refused by a detector
     * at its cap plus series cut from a window's extraction.
     */
    public long droppedSeries() {
        return truncated + duration.series().dropped() + errorRate.series().dropped()
                + silence.series().dropped() + multivariate.series().dropped() + jobs.baselines().dropped();
    }
}
