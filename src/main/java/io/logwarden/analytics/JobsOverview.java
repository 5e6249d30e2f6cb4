package io.logwarden.analytics;

import java.util.List;

/**
 * Jobs and processes in a range.
 *
 * @param jobs per job name, most runs first
 * @param runs latest runs first
 */
public record JobsOverview(List<JobStatistics> jobs, List<JobRun> runs) {
}
