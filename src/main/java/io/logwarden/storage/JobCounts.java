package io.logwarden.storage;

import java.util.List;

/**
 * Per job name counts of a range, and how many job names did not fit.
 *
 * @param jobs       most runs first
 * @param jobNames   distinct job names in the range (approximate beyond 40,000)
 * @param eventsLeft {@code job.*} events of the job names not listed
 */
public record JobCounts(List<JobNameCounts> jobs, long jobNames, long eventsLeft) {
}
