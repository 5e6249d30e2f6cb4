package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.storage.JobRunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobsServiceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void flags_no_run_as_long_running_without_a_limit_for_its_job() {
        List<JobRun> runs = JobsService.analyse(List.of(run("a", "sync", 0, 10, "succeeded"),
                run("b", "sync", 60, 200, "succeeded")), Map.of(), Map.of(), T0.plus(Duration.ofDays(1)));

        assertThat(runs).noneMatch(JobRun::longRunning);
    }

    @Test
    void a_running_run_past_its_jobs_limit_is_long_running_and_lasts_until_now() {
        List<JobRun> runs = JobsService.analyse(List.of(run("d", "sync", 60, 1, "heartbeat")), Map.of(),
                Map.of("sync", Duration.ofMinutes(20)), T0.plus(Duration.ofMinutes(60 + 25)));

        JobRun running = runs.getFirst();
        assertThat(running.state()).isEqualTo(JobRun.State.RUNNING);
        assertThat(running.duration()).isEqualTo(Duration.ofMinutes(25));
        assertThat(running.longRunning()).isTrue();
    }

    @Test
    void a_run_that_started_before_the_range_is_measured_from_its_real_start() {
        Instant realStart = T0.minus(Duration.ofHours(2));

        JobRun run = JobsService.analyse(List.of(run("e", "sync", 0, 30, "succeeded")), Map.of("e", realStart),
                Map.of(), T0.plus(Duration.ofHours(1))).getFirst();

        assertThat(run.started()).isEqualTo(realStart);
        assertThat(run.duration()).isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void the_terminal_events_duration_wins_over_first_to_last_event() {
        JobRunRecord record = new JobRunRecord("f", "sync", "svc", T0, T0.plus(Duration.ofMinutes(9)), "failed",
                Duration.ofMinutes(7).toNanos());

        JobRun run = JobsService.analyse(List.of(record), Map.of(), Map.of(), T0.plus(Duration.ofHours(1)))
                .getFirst();

        assertThat(run.state()).isEqualTo(JobRun.State.FAILED);
        assertThat(run.duration()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void job_states_map_their_usual_spellings() {
        assertThat(JobRun.State.of("Completed")).isEqualTo(JobRun.State.SUCCEEDED);
        assertThat(JobRun.State.of("cancelled")).isEqualTo(JobRun.State.CANCELED);
        assertThat(JobRun.State.of("error")).isEqualTo(JobRun.State.FAILED);
        assertThat(JobRun.State.of("heartbeat")).isEqualTo(JobRun.State.RUNNING);
        assertThat(JobRun.State.of(null)).isEqualTo(JobRun.State.RUNNING);
    }

    @Test
    void success_rate_is_succeeded_over_finished() {
        JobStatistics stats = new JobStatistics("x", 4, 1, 1, 1, 1, null, null, null, null, 0);

        assertThat(stats.successRate()).isEqualTo(50.0);
        assertThat(new JobStatistics("y", 1, 1, 0, 0, 0, null, null, null, null, 0).successRate()).isNaN();
    }

    private static JobRunRecord run(String id, String name, int startMinute, int minutes, String state) {
        Instant start = T0.plus(Duration.ofMinutes(startMinute));
        return new JobRunRecord(id, name, "svc", start, start.plus(Duration.ofMinutes(minutes)), state, null);
    }
}
