package io.logwarden.analytics;

import java.time.Duration;

/**
 * Runs of one job name in the range, counted by Elasticsearch (nothing is sampled or cut off).
 *
 * @param jobName          {@code job.name}
 * @param runs             distinct runs ({@code job.id}) with an event in the range
 * @param running          runs without a terminal event in the range
 * @param succeeded        runs that succeeded
 * @param failed           runs that failed
 * @param canceled         runs that were canceled
 * @param medianDuration   median {@code event.duration} of the succeeded runs, null when none gave one
 * @param p95Duration      95th percentile of the same, null when none gave one
 * @param maxDuration      longest of the same, null when none gave one
 * @param longRunningLimit runs longer than this are long-running (twice the median), null while fewer than
 *                         {@link JobsService#MIN_HISTORY} succeeded runs gave a duration
 * @param longRunning      finished runs longer than the limit
 */
public record JobStatistics(String jobName, long runs, long running, long succeeded, long failed, long canceled,
                            Duration medianDuration, Duration p95Duration, Duration maxDuration,
                            Duration longRunningLimit, long longRunning) {

    /** Succeeded ÷ finished (succeeded + failed) in percent; NaN when none finished. */
    public double successRate() {
        long finished = succeeded + failed;
        return finished == 0 ? Double.NaN : succeeded * 100.0 / finished;
    }
}
