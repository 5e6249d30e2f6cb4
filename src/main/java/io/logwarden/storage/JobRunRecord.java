package io.logwarden.storage;

import java.time.Instant;

/**
 * What the events of one job run ({@code job.id}) say about it.
 *
 * @param jobId      the run
 * @param jobName    the job it is a run of
 * @param service    the service that ran it, may be null
 * @param firstSeen  time of its first event in the range asked for
 * @param lastSeen   time of its latest event
 * @param lastState  {@code job.state} of its latest event (started, heartbeat, succeeded, failed, canceled)
 * @param durationNs {@code event.duration} of its latest event, null when absent
 */
public record JobRunRecord(String jobId, String jobName, String service, Instant firstSeen, Instant lastSeen,
                           String lastState, Long durationNs) {
}
