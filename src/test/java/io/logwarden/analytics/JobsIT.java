package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.security.Roles;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsIT {

    @Autowired
    ElasticsearchClient client;
    @Autowired
    JobsService jobs;

    @BeforeAll
    void indexKnownData() throws IOException {
        AnalyticsTestData.index(client);
    }

    @BeforeEach
    void logInAsAdmin() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                TestUsers.ADMIN, null, List.of(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN))));
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void statistics_tell_running_succeeded_failed_success_rate_durations_and_long_runs() {
        TimeRange day = new TimeRange(AnalyticsTestData.JOBS, AnalyticsTestData.JOBS.plus(Duration.ofHours(24)), "");

        JobsOverview overview = jobs.overview(day);

        Map<String, JobStatistics> byName = overview.jobs().stream()
                .collect(Collectors.toMap(JobStatistics::jobName, j -> j));
        assertThat(overview.jobs()).extracting(JobStatistics::jobName).containsExactly("nightly-export", "cleanup");
        JobStatistics nightly = byName.get("nightly-export");
        assertThat(nightly.runs()).isEqualTo(5);
        assertThat(nightly.succeeded()).isEqualTo(5);
        assertThat(nightly.running()).isZero();
        assertThat(nightly.successRate()).isEqualTo(100.0);
        assertThat(nightly.medianDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(nightly.maxDuration()).isEqualTo(Duration.ofMinutes(60));
        assertThat(nightly.longRunningLimit()).isEqualTo(Duration.ofMinutes(20));
        assertThat(nightly.longRunning()).isEqualTo(1);
        JobStatistics cleanup = byName.get("cleanup");
        assertThat(cleanup.runs()).isEqualTo(2);
        assertThat(cleanup.failed()).isEqualTo(1);
        assertThat(cleanup.running()).isEqualTo(1);
        assertThat(cleanup.successRate()).isEqualTo(0.0);
        assertThat(cleanup.longRunningLimit()).isNull();
        assertThat(overview.runs()).isEqualTo(7);
        assertThat(overview.truncated()).isFalse();

        List<JobRun> runs = jobs.runs(overview, AnalyticsTestData.JOBS.plus(Duration.ofHours(9)), 0, 50);

        assertThat(runs).hasSize(7);
        assertThat(runs.getFirst().jobId()).isEqualTo("cleanup-2");
        assertThat(runs.getFirst().state()).isEqualTo(JobRun.State.RUNNING);
        assertThat(runs.getFirst().duration()).isEqualTo(Duration.ofHours(1));
        assertThat(runs).filteredOn(JobRun::longRunning).extracting(JobRun::jobId).containsExactly("export-4");
    }

    @Test
    void statistics_count_every_run_however_many_there_are() {
        TimeRange range = new TimeRange(AnalyticsTestData.MANY_JOBS,
                AnalyticsTestData.MANY_JOBS.plus(Duration.ofHours(26)), "");

        JobsOverview overview = jobs.overview(range);

        JobStatistics minutely = overview.jobs().getFirst();
        assertThat(minutely.jobName()).isEqualTo("minutely");
        assertThat(minutely.runs()).isEqualTo(AnalyticsTestData.MANY_RUNS);
        assertThat(minutely.succeeded()).isEqualTo(1400);
        assertThat(minutely.failed()).isEqualTo(100);
        assertThat(minutely.running()).isZero();
        assertThat(minutely.successRate()).isCloseTo(93.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(minutely.medianDuration()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
        assertThat(minutely.p95Duration()).isBetween(Duration.ofMillis(9500), Duration.ofSeconds(10));
        assertThat(minutely.maxDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(overview.runs()).isEqualTo(AnalyticsTestData.MANY_RUNS);
    }

    @Test
    void runs_are_listed_page_by_page_newest_first_without_gaps_or_repeats() {
        TimeRange range = new TimeRange(AnalyticsTestData.MANY_JOBS,
                AnalyticsTestData.MANY_JOBS.plus(Duration.ofHours(26)), "");
        JobsOverview overview = jobs.overview(range);
        Instant now = range.to();

        List<JobRun> all = new ArrayList<>();
        for (int offset = 0; offset < AnalyticsTestData.MANY_RUNS; offset += 400) {
            all.addAll(jobs.runs(overview, now, offset, 400));
        }

        assertThat(all).hasSize(AnalyticsTestData.MANY_RUNS);
        Set<String> ids = new HashSet<>();
        all.forEach(r -> ids.add(r.jobId()));
        assertThat(ids).hasSize(AnalyticsTestData.MANY_RUNS);
        assertThat(all.getFirst().jobId()).isEqualTo("minutely-1499");
        assertThat(all.getLast().jobId()).isEqualTo("minutely-0");
        assertThat(all.get(1).started()).isBefore(all.getFirst().started());
        assertThat(jobs.runs(overview, now, AnalyticsTestData.MANY_RUNS, 400)).isEmpty();
    }

    @Test
    void a_run_that_began_before_the_range_gets_its_real_start_and_duration() {
        TimeRange range = new TimeRange(AnalyticsTestData.LATE_JOBS,
                AnalyticsTestData.LATE_JOBS.plus(Duration.ofHours(24)), "");
        JobsOverview overview = jobs.overview(range);

        List<JobRun> runs = jobs.runs(overview, range.to(), 0, 10);

        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.jobId()).isEqualTo("overnight-1");
            assertThat(run.state()).isEqualTo(JobRun.State.SUCCEEDED);
            assertThat(run.started()).isEqualTo(AnalyticsTestData.LATE_JOBS.minus(Duration.ofHours(2)));
            assertThat(run.duration()).isEqualTo(Duration.ofHours(3));
        });
    }
}
