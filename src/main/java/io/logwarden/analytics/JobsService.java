package io.logwarden.analytics;

import io.logwarden.security.AccessService;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.JobRunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Runs of system processes and batch jobs from their {@code job.*} events. A run is long-running when it took (or,
 * still running, has taken) more than {@link #LONG_RUNNING_FACTOR} times the median of its job's finished runs; that
 * needs {@link #MIN_HISTORY} finished runs to compare with.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class JobsService {

    static final double LONG_RUNNING_FACTOR = 2.0;
    static final int MIN_HISTORY = 3;
    static final int MAX_RUNS = 1000;

    private final EventAnalytics events;
    private final AccessService access;

    public JobsService(EventAnalytics events, AccessService access) {
        this.events = events;
        this.access = access;
    }

    public JobsOverview overview(TimeRange range, Instant now) {
        EventSelection query = new EventSelection(range.from(), range.to(), range.query(),
                access.current().scope().toFilter());
        return analyse(events.jobRuns(query, MAX_RUNS), now);
    }

    static JobsOverview analyse(List<JobRunRecord> records, Instant now) {
        Map<String, List<JobRun>> byName = new LinkedHashMap<>();
        for (JobRunRecord r : records) {
            JobRun.State state = JobRun.State.of(r.lastState());
            Instant end = state == JobRun.State.RUNNING ? now : r.lastSeen();
            Duration duration = state != JobRun.State.RUNNING && r.durationNs() != null
                    ? Duration.ofNanos(r.durationNs()) : Duration.between(r.firstSeen(), end);
            String name = r.jobName() == null ? "(unnamed)" : r.jobName();
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(new JobRun(r.jobId(), name, r.service(),
                    r.firstSeen(), r.lastSeen(), state, duration, false));
        }
        List<JobStatistics> stats = new ArrayList<>();
        List<JobRun> all = new ArrayList<>();
        byName.forEach((name, runs) -> {
            List<Duration> finished = runs.stream().filter(r -> r.state() == JobRun.State.SUCCEEDED)
                    .map(JobRun::duration).sorted().toList();
            Duration median = finished.isEmpty() ? null : finished.get(finished.size() / 2);
            Duration limit = finished.size() >= MIN_HISTORY
                    ? Duration.ofNanos((long) (median.toNanos() * LONG_RUNNING_FACTOR)) : null;
            int flagged = 0;
            for (JobRun run : runs) {
                boolean longRunning = limit != null && run.duration().compareTo(limit) > 0;
                flagged += longRunning ? 1 : 0;
                all.add(new JobRun(run.jobId(), run.jobName(), run.service(), run.started(), run.lastSeen(),
                        run.state(), run.duration(), longRunning));
            }
            stats.add(new JobStatistics(name, runs.size(), count(runs, JobRun.State.RUNNING),
                    count(runs, JobRun.State.SUCCEEDED), count(runs, JobRun.State.FAILED),
                    count(runs, JobRun.State.CANCELED), median,
                    finished.isEmpty() ? null : finished.getLast(), flagged));
        });
        stats.sort(Comparator.comparingInt(JobStatistics::runs).reversed().thenComparing(JobStatistics::jobName));
        all.sort(Comparator.comparing(JobRun::lastSeen).reversed());
        return new JobsOverview(stats, all);
    }

    private static int count(List<JobRun> runs, JobRun.State state) {
        return (int) runs.stream().filter(r -> r.state() == state).count();
    }
}
