package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportJobTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final ExportRequest REQUEST = new ExportRequest("", T0.minusSeconds(3600), T0, List.of("message"),
            ExportFormat.CSV, false);
    static final CurrentUser USER = new CurrentUser("officer", Set.of(Roles.COMPLIANCE), AccessScope.EVERYTHING,
            true);

    static ExportJob queued() {
        return ExportJob.queued("job-1", ExportJob.PURPOSE_SEARCH, USER, REQUEST,
                ExportSource.search(List.of("logwarden-events"), List.of("message"), false), T0);
    }

    @Test
    void percent_is_unknown_until_the_total_is_known_then_follows_the_rows() {
        ExportJob job = queued().withRun(T0, 0);
        assertThat(job.percent()).isEqualTo(-1);
        assertThat(job.withProgress(250, 1000, 0, "pit", List.of()).percent()).isEqualTo(25);
        assertThat(job.withProgress(0, 0, 0, "pit", List.of()).percent()).isEqualTo(100);
        assertThat(job.completed(T0, T0, 10, "x", "{}").percent()).isEqualTo(100);
    }

    @Test
    void eta_extrapolates_the_current_runs_rate_to_the_rows_left() {
        ExportJob running = queued().withProgress(0, 1000, 0, "pit", List.of()).withRun(T0, 0)
                .withProgress(250, 1000, 0, "pit", List.of());

        assertThat(running.eta(T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(30));
        assertThat(running.eta(T0)).as("no time elapsed yet").isNull();
    }

    @Test
    void eta_after_a_resume_counts_only_the_rows_of_this_run() {
        ExportJob resumed = queued().withProgress(500, 1000, 0, "pit", List.of()).withRun(T0, 1)
                .withProgress(600, 1000, 0, "pit", List.of());

        assertThat(resumed.runStartRows()).isEqualTo(500);
        assertThat(resumed.eta(T0.plusSeconds(10))).as("100 rows in 10 s, 400 left").isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void no_eta_before_any_progress_or_when_not_running() {
        assertThat(queued().eta(T0.plusSeconds(5))).isNull();
        ExportJob paused = queued().withRun(T0, 0).withProgress(10, 100, 0, "pit", List.of())
                .withState(ExportState.PAUSED, null, "down");
        assertThat(paused.eta(T0.plusSeconds(5))).isNull();
        assertThat(paused.state().finished()).isFalse();
    }
}
