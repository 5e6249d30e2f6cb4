package io.logwarden.analytics;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of a system process or batch job, as its {@code job.*} events tell it.
 *
 * @param jobId       {@code job.id}
 * @param jobName     {@code job.name}
 * @param service     the service that ran it, may be null
 * @param started     first event of the run
 * @param lastSeen    latest event of the run
 * @param state       where the run stands
 * @param duration    the terminal event's {@code event.duration} if given, else from first to latest event (for
 *                    running runs: until now)
 * @param longRunning whether it took (or is taking) much longer than its job usually does
 */
public record JobRun(String jobId, String jobName, String service, Instant started, Instant lastSeen, State state,
                     Duration duration, boolean longRunning) {

    public enum State {
        RUNNING, SUCCEEDED, FAILED, CANCELED;

        static State of(String jobState) {
            return switch (jobState == null ? "" : jobState.toLowerCase()) {
                case "succeeded", "success", "completed" -> SUCCEEDED;
                case "failed", "failure", "error" -> FAILED;
                case "canceled", "cancelled" -> CANCELED;
                default -> RUNNING;
            };
        }
    }
}
