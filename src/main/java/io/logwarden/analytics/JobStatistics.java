package io.logwarden.analytics;

import java.time.Duration;

/**
 * Runs of one job name in the range.
 *
 * @param jobName        {@code job.name}
 * @param runs           all runs
 * @param running        runs without a terminal event yet
 * @param succeeded      runs that succeeded
 * @param failed         runs that failed
 * @param canceled       runs that were canceled
 * @param medianDuration median duration of succeeded runs, null when none succeeded
 * @param maxDuration    longest succeeded run, null when none succeeded
 * @param longRunning    runs flagged as long-running
 */
public record JobStatistics(String jobName, int runs, int running, int succeeded, int failed, int canceled,
                            Duration medianDuration, Duration maxDuration, int longRunning) {

    /** Succeeded ÷ finished (succeeded + failed) in percent; NaN when none finished. */
    public double successRate() {
        int finished = succeeded + failed;
        return finished == 0 ? Double.NaN : succeeded * 100.0 / finished;
    }
}
