package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.storage.JobRunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobsServiceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void flags_no_run_as_long_running_without_enough_history() {
        List<JobRunRecord> records = List.of(
                run("a", "sync", 0, 10, "succeeded"), run("b", "sync", 60, 200, "succeeded"));

        JobsOverview overview = JobsService.analyse(records, T0.plus(Duration.ofDays(1)));

        assertThat(overview.runs()).noneMatch(JobRun::longRunning);
        assertThat(overview.jobs().getFirst().successRate()).isEqualTo(100.0);
    }

    @Test
    void a_running_run_past_twice_the_median_is_long_running() {
        List<JobRunRecord> records = List.of(
                run("a", "sync", 0, 10, "succeeded"), run("b", "sync", 20, 10, "succeeded"),
                run("c", "sync", 40, 12, "succeeded"), run("d", "sync", 60, 1, "heartbeat"));

        JobsOverview overview = JobsService.analyse(records, T0.plus(Duration.ofMinutes(60 + 25)));

        JobRun running = overview.runs().stream().filter(r -> r.jobId().equals("d")).findFirst().orElseThrow();
        assertThat(running.state()).isEqualTo(JobRun.State.RUNNING);
        assertThat(running.duration()).isEqualTo(Duration.ofMinutes(25));
        assertThat(running.longRunning()).isTrue();
        assertThat(overview.jobs().getFirst().running()).isEqualTo(1);
        assertThat(overview.jobs().getFirst().medianDuration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void success_rate_counts_failures_but_not_running_or_canceled_runs() {
        List<JobRunRecord> records = List.of(run("a", "x", 0, 1, "succeeded"), run("b", "x", 5, 1, "failed"),
                run("c", "x", 10, 1, "canceled"), run("d", "x", 15, 1, "started"));

        JobStatistics stats = JobsService.analyse(records, T0.plus(Duration.ofHours(1))).jobs().getFirst();

        assertThat(stats.successRate()).isEqualTo(50.0);
        assertThat(stats.canceled()).isEqualTo(1);
    }

    private static JobRunRecord run(String id, String name, int startMinute, int minutes, String state) {
        Instant start = T0.plus(Duration.ofMinutes(startMinute));
        return new JobRunRecord(id, name, "svc", start, start.plus(Duration.ofMinutes(minutes)), state, null, 2);
    }
}
