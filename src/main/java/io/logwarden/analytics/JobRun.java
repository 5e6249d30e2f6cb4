package io.logwarden.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One run of a system process or batch job, as its {@code job.*} events tell it.
 *
 * @param jobId       {@code job.id}
 * @param jobName     {@code job.name}
 * @param service     the service that ran it, may be null
 * @param started     its first event, also when that lies before the range shown
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

        /** {@code job.state} values that end a run in this state (none for RUNNING). */
        List<String> jobStates() {
            return switch (this) {
                case SUCCEEDED -> List.of("succeeded", "success", "completed");
                case FAILED -> List.of("failed", "failure", "error");
                case CANCELED -> List.of("canceled", "cancelled");
                case RUNNING -> List.of();
            };
        }

        static State of(String jobState) {
            String value = jobState == null ? "" : jobState.toLowerCase(Locale.ROOT);
            for (State state : values()) {
                if (state.jobStates().contains(value)) {
                    return state;
                }
            }
            return RUNNING;
        }

        /** Every {@code job.state} value that ends a run. */
        static List<String> terminalValues() {
            return List.of(SUCCEEDED, FAILED, CANCELED).stream().flatMap(s -> s.jobStates().stream()).toList();
        }
    }
}
