package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
class AnalyticsIT {

    private static final TimeRange DAY = new TimeRange(AnalyticsTestData.DAY,
            AnalyticsTestData.DAY.plus(Duration.ofHours(24)), "");

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnalyticsService analytics;
    @Autowired
    JobsService jobs;
    @Autowired
    DocumentStore documents;

    @BeforeAll
    void indexKnownData() throws IOException {
        AnalyticsTestData.index(client);
        documents.save(IndexNames.USERS, "billing-analyst", new UserAccount("billing-analyst", "{noop}x",
                Set.of(Roles.ANALYST), new AccessScope(Set.of(), Set.of("billing"), Set.of()), true, Instant.now()));
    }

    @BeforeEach
    void logInAsAdmin() {
        logIn(TestUsers.ADMIN, Roles.ADMIN);
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void volume_by_level_has_144_ten_minute_buckets_with_the_generated_counts() {
        TimeSeries volume = analytics.volumeOverTime(DAY, Split.LEVEL);

        assertThat(volume.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(volume.starts()).hasSize(AnalyticsTestData.BUCKETS);
        assertThat(volume.starts().getFirst()).isEqualTo(AnalyticsTestData.DAY);
        Map<String, double[]> series = bySeries(volume);
        assertThat(series.keySet()).containsExactlyInAnyOrder("info", "error", "critical", "warn");
        assertThat(series.get("info")).containsOnly(9.0);
        assertThat(series.get("error")).containsOnly(1.0);
        assertThat(series.get("critical")[0]).isEqualTo(1.0);
        assertThat(series.get("critical")[1]).isEqualTo(0.0);
        assertThat(series.get("warn")[142]).isEqualTo(4.0);
        assertThat(volume.total()).isEqualTo(1800.0);
        assertThat(volume.series()).filteredOn(s -> s.name().equals("error"))
                .extracting(TimeSeries.Series::filter).containsExactly("log.level:\"error\"");
    }

    @Test
    void volume_by_source_and_service_split_as_generated() {
        Map<String, double[]> bySource = bySeries(analytics.volumeOverTime(DAY, Split.SOURCE));
        assertThat(sum(bySource.get("user"))).isEqualTo(6 * 144.0);
        assertThat(sum(bySource.get("system"))).isEqualTo(4 * 144.0);
        assertThat(sum(bySource.get("scheduled"))).isEqualTo(5 * 72.0);

        Map<String, double[]> byService = bySeries(analytics.volumeOverTime(DAY, Split.SERVICE));
        assertThat(byService.keySet()).containsExactly("shop", "billing");
    }

    @Test
    void error_rate_is_errors_over_all_events_per_service_and_bucket() {
        TimeSeries rate = analytics.errorRateOverTime(DAY);

        assertThat(rate.unit()).isEqualTo("%");
        Map<String, double[]> series = bySeries(rate);
        assertThat(series.get("shop")).containsOnly(10.0);
        double[] billing = series.get("billing");
        assertThat(billing[0]).isEqualTo(20.0);
        assertThat(billing[1]).isNaN();
        assertThat(Arrays.stream(billing).filter(v -> !Double.isNaN(v)).count()).isEqualTo(72);
    }

    @Test
    void duration_percentiles_are_in_milliseconds_within_tolerance() {
        TimeRange hour = new TimeRange(AnalyticsTestData.DURATIONS,
                AnalyticsTestData.DURATIONS.plus(Duration.ofHours(1)), "");

        TimeSeries durations = analytics.durationPercentiles(hour, DurationGroup.ACTION, 3);

        assertThat(durations.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(durations.starts()).hasSize(120);
        Map<String, double[]> series = bySeries(durations);
        assertThat(series.keySet()).containsExactly("export.run p50", "export.run p95", "export.run p99");
        assertThat(series.get("export.run p50")[0]).isCloseTo(500.5, within(10.0));
        assertThat(series.get("export.run p95")[0]).isCloseTo(950.5, within(10.0));
        assertThat(series.get("export.run p99")[0]).isCloseTo(990.5, within(10.0));
        assertThat(series.get("export.run p50")[1]).isNaN();
    }

    @Test
    void top_values_count_actions_error_types_and_statuses() {
        assertThat(entries(analytics.top(DAY, TopField.ACTIONS, 10)))
                .containsExactly(Map.entry("order.view", 1008L), Map.entry("checkout", 432L),
                        Map.entry("invoice.send", 360L));
        assertThat(entries(analytics.top(DAY, TopField.ERROR_TYPES, 10)))
                .containsExactly(Map.entry("TimeoutException", 144L), Map.entry("PaymentDeclined", 72L));
        assertThat(entries(analytics.top(DAY, TopField.AUDIT_STATUS, 10)))
                .containsExactly(Map.entry("success", 1584L), Map.entry("failure", 144L), Map.entry("pending", 72L));
        Breakdown users = analytics.top(DAY, TopField.USERS, 10);
        assertThat(entries(users)).containsOnly(Map.entry("alice", 432L), Map.entry("bob", 432L));
        assertThat(users.missing()).isEqualTo(1800 - 864);
        assertThat(entries(analytics.top(DAY, TopField.ACTIONS, 1))).containsExactly(Map.entry("order.view", 1008L));
        assertThat(analytics.top(DAY, TopField.ACTIONS, 1).others()).isEqualTo(792);
    }

    @Test
    void users_without_pii_access_see_pseudonyms_in_top_users() {
        logIn("billing-analyst", Roles.ANALYST);
        documents.save(IndexNames.USERS, "billing-analyst", new UserAccount("billing-analyst", "{noop}x",
                Set.of(Roles.ANALYST), AccessScope.EVERYTHING, true, Instant.now()));
        try {
            Breakdown users = analytics.top(DAY, TopField.USERS, 10);
            assertThat(users.entries()).extracting(Breakdown.Entry::key)
                    .containsExactlyInAnyOrder(AnalyticsService.pseudonym("alice"), AnalyticsService.pseudonym("bob"))
                    .allMatch(k -> k.startsWith("user-"));
            assertThat(users.entries()).extracting(Breakdown.Entry::filter).containsOnly("");
        } finally {
            documents.save(IndexNames.USERS, "billing-analyst", new UserAccount("billing-analyst", "{noop}x",
                    Set.of(Roles.ANALYST), new AccessScope(Set.of(), Set.of("billing"), Set.of()), true,
                    Instant.now()));
        }
    }

    @Test
    void summary_cards_count_the_last_24_hours_and_compare_with_the_24_before() {
        Map<String, SummaryCard> cards = analytics.summary24h(AnalyticsTestData.DAY.plus(Duration.ofHours(24)), "")
                .stream().collect(Collectors.toMap(SummaryCard::id, c -> c));

        assertThat(cards.get("total").value()).isEqualTo(1800);
        assertThat(cards.get("total").previous()).isEqualTo(100);
        assertThat(cards.get("total").changePercent()).isCloseTo(1700.0, within(0.001));
        assertThat(cards.get("errors").value()).isEqualTo(216);
        assertThat(cards.get("errors").previous()).isEqualTo(10);
        assertThat(cards.get("critical").value()).isEqualTo(72);
        assertThat(cards.get("critical").changePercent()).isNaN();
        assertThat(cards.get("warnings").value()).isEqualTo(288);
        assertThat(cards.get("users").value()).isEqualTo(2);
    }

    @Test
    void a_scoped_user_only_sees_the_services_of_their_scope_even_with_a_widening_query() {
        logIn("billing-analyst", Roles.ANALYST);

        assertThat(analytics.count(DAY)).isEqualTo(360);
        assertThat(analytics.count(new TimeRange(DAY.from(), DAY.to(), "service.name:shop OR *:*"))).isEqualTo(360);
        assertThat(bySeries(analytics.volumeOverTime(DAY, Split.SERVICE)).keySet()).containsExactly("billing");
        assertThat(analytics.summary24h(DAY.to(), "").getFirst().value()).isEqualTo(360);
    }

    @Test
    void a_query_narrows_every_aggregate() {
        TimeRange checkout = new TimeRange(DAY.from(), DAY.to(), "event.action:checkout");
        assertThat(analytics.count(checkout)).isEqualTo(432);
        assertThat(analytics.volumeOverTime(checkout).total()).isEqualTo(432.0);
    }

    @Test
    void jobs_overview_tells_running_succeeded_failed_success_rate_and_long_runs() {
        TimeRange day = new TimeRange(AnalyticsTestData.JOBS, AnalyticsTestData.JOBS.plus(Duration.ofHours(24)), "");
        Instant now = AnalyticsTestData.JOBS.plus(Duration.ofHours(9));

        JobsOverview overview = jobs.overview(day, now);

        Map<String, JobStatistics> byName = overview.jobs().stream()
                .collect(Collectors.toMap(JobStatistics::jobName, j -> j));
        JobStatistics nightly = byName.get("nightly-export");
        assertThat(nightly.runs()).isEqualTo(5);
        assertThat(nightly.succeeded()).isEqualTo(5);
        assertThat(nightly.successRate()).isEqualTo(100.0);
        assertThat(nightly.medianDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(nightly.maxDuration()).isEqualTo(Duration.ofMinutes(60));
        assertThat(nightly.longRunning()).isEqualTo(1);
        JobStatistics cleanup = byName.get("cleanup");
        assertThat(cleanup.failed()).isEqualTo(1);
        assertThat(cleanup.running()).isEqualTo(1);
        assertThat(cleanup.successRate()).isEqualTo(0.0);

        assertThat(overview.runs()).hasSize(7);
        assertThat(overview.runs().getFirst().jobId()).isEqualTo("cleanup-2");
        assertThat(overview.runs().getFirst().state()).isEqualTo(JobRun.State.RUNNING);
        assertThat(overview.runs().getFirst().duration()).isEqualTo(Duration.ofHours(1));
        assertThat(overview.runs()).filteredOn(JobRun::longRunning).extracting(JobRun::jobId)
                .containsExactly("export-4");
    }

    private static void logIn(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    private static Map<String, double[]> bySeries(TimeSeries series) {
        Map<String, double[]> map = new java.util.LinkedHashMap<>();
        series.series().forEach(s -> map.put(s.name(), s.values()));
        return map;
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    private static List<Map.Entry<String, Long>> entries(Breakdown breakdown) {
        return breakdown.entries().stream().map(e -> Map.entry(e.key(), e.count())).toList();
    }
}
