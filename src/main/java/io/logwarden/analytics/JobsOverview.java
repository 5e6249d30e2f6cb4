package io.logwarden.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Jobs and processes in a range: statistics per job name; the runs themselves are read a page at a time
 * ({@link JobsService#runs}).
 *
 * @param range          the range
 * @param jobs           per job name, most runs first
 * @param jobNames       job names in the range; more than {@code jobs.size()} when some did not fit
 * @param eventsNotShown {@code job.*} events of the job names not shown (0 when all fit)
 * @param runs           runs in the range
 */
public record JobsOverview(TimeRange range, List<JobStatistics> jobs, long jobNames, long eventsNotShown,
                           long runs) {

    public JobsOverview {
        jobs = List.copyOf(jobs);
    }

    /** Whether some job names are not in {@link #jobs}. */
    public boolean truncated() {
        return eventsNotShown > 0 || jobNames > jobs.size();
    }

    /** Long-running limit per job name, for those with enough history. */
    public Map<String, Duration> longRunningLimits() {
        return jobs.stream().filter(j -> j.longRunningLimit() != null)
                .collect(Collectors.toUnmodifiableMap(JobStatistics::jobName, JobStatistics::longRunningLimit));
    }
}
