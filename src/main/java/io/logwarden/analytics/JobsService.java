package io.logwarden.analytics;

import io.logwarden.search.SearchProperties;
import io.logwarden.search.SearchService;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.JobCounts;
import io.logwarden.storage.JobNameCounts;
import io.logwarden.storage.JobRunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Runs of system processes and batch jobs from their {@code job.*} events. Statistics per job name are counted by
 * Elasticsearch over every run in the range; runs are listed a page at a time. A run is long-running when it took
 * (or, still running, has taken) more than {@link #LONG_RUNNING_FACTOR} times the median duration of its job's
 * succeeded runs in the range; that needs {@link #MIN_HISTORY} of them.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class JobsService {

    static final double LONG_RUNNING_FACTOR = 2.0;
    static final int MIN_HISTORY = 3;
    /** Job names with statistics; beyond it the overview says how many were left out. */
    static final int MAX_JOB_NAMES = 500;
    /** Deepest run position the run list pages to. */
    public static final int MAX_LISTED_RUNS = 10_000;
    private static final double[] PERCENTS = {50, 95};

    private final EventAnalytics events;
    private final AccessService access;
    private final SearchService search;
    private final SearchProperties searchSettings;

    public JobsService(EventAnalytics events, AccessService access, SearchService search,
                       SearchProperties searchSettings) {
        this.events = events;
        this.access = access;
        this.search = search;
        this.searchSettings = searchSettings;
    }

    /** Statistics per job name and the number of runs in the range. */
    public JobsOverview overview(TimeRange range) {
        EventSelection selection = selection(range, access.current());
        JobCounts counts = events.jobCounts(selection, MAX_JOB_NAMES, JobRun.State.SUCCEEDED.jobStates(), PERCENTS);
        Map<String, Duration> limits = new LinkedHashMap<>();
        for (JobNameCounts job : counts.jobs()) {
            if (job.durations() >= MIN_HISTORY && !Double.isNaN(job.percentilesNs()[0])) {
                limits.put(job.jobName(), Duration.ofNanos((long) (job.percentilesNs()[0] * LONG_RUNNING_FACTOR)));
            }
        }
        Map<String, Long> limitsNs = new LinkedHashMap<>();
        limits.forEach((name, limit) -> limitsNs.put(name, limit.toNanos()));
        Map<String, Long> over = events.jobRunsOver(selection, limitsNs, JobRun.State.terminalValues());
        List<JobStatistics> jobs = new ArrayList<>();
        for (JobNameCounts job : counts.jobs()) {
            long succeeded = count(job, JobRun.State.SUCCEEDED);
            long failed = count(job, JobRun.State.FAILED);
            long canceled = count(job, JobRun.State.CANCELED);
            jobs.add(new JobStatistics(job.jobName(), job.runs(),
                    Math.max(0, job.runs() - succeeded - failed - canceled), succeeded, failed, canceled,
                    nanos(job.percentilesNs()[0]), nanos(job.percentilesNs()[1]), nanos(job.maxDurationNs()),
                    limits.get(job.jobName()), over.getOrDefault(job.jobName(), 0L)));
        }
        return new JobsOverview(range, jobs, counts.jobNames(), counts.eventsLeft(), events.countJobRuns(selection));
    }

    /**
     * Runs of the overview's range by latest event, newest first: {@code limit} from {@code offset} (at most up to
     * {@link #MAX_LISTED_RUNS}). Runs that began before the range get their real start.
     */
    public List<JobRun> runs(JobsOverview overview, Instant now, int offset, int limit) {
        int end = (int) Math.min((long) offset + limit, MAX_LISTED_RUNS);
        if (offset >= end) {
            return List.of();
        }
        CurrentUser user = access.current();
        EventSelection selection = selection(overview.range(), user);
        List<JobRunRecord> records = events.jobRuns(selection, offset, end - offset);
        Map<String, Instant> starts = events.jobRunStarts(selection.scope(),
                records.stream().map(JobRunRecord::jobId).toList(), overview.range().to());
        return analyse(records, starts, overview.longRunningLimits(), now);
    }

    static List<JobRun> analyse(List<JobRunRecord> records, Map<String, Instant> starts,
                                Map<String, Duration> limits, Instant now) {
        List<JobRun> runs = new ArrayList<>();
        for (JobRunRecord r : records) {
            JobRun.State state = JobRun.State.of(r.lastState());
            Instant started = starts.getOrDefault(r.jobId(), r.firstSeen());
            if (r.firstSeen().isBefore(started)) {
                started = r.firstSeen();
            }
            Instant end = state == JobRun.State.RUNNING ? now : r.lastSeen();
            Duration duration = state != JobRun.State.RUNNING && r.durationNs() != null
                    ? Duration.ofNanos(r.durationNs()) : Duration.between(started, end);
            String name = r.jobName() == null ? "(unnamed)" : r.jobName();
            Duration limit = limits.get(name);
            runs.add(new JobRun(r.jobId(), name, r.service(), started, r.lastSeen(), state, duration,
                    limit != null && duration.compareTo(limit) > 0));
        }
        return runs;
    }

    private EventSelection selection(TimeRange range, CurrentUser user) {
        search.validate(range.query());
        return new EventSelection(range.from(), range.to(), range.query(), user.scope().toFilter(),
                searchSettings.defaultFields(), searchSettings.allowLeadingWildcards());
    }

    private static long count(JobNameCounts job, JobRun.State state) {
        return job.statesCount().entrySet().stream().filter(e -> state.jobStates().contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Duration nanos(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Duration.ofNanos(Math.round(value));
    }
}
