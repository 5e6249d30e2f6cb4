package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.search.QuerySyntaxException;
import io.logwarden.search.SearchResult;
import io.logwarden.search.SearchService;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.ScopeFilter;
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
    SearchService search;
    @Autowired
    EventAnalytics events;
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

        assertThat(durations.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(durations.starts()).hasSize(60);
        Map<String, double[]> series = bySeries(durations);
        assertThat(series.keySet()).containsExactly("export.run p50", "export.run p95", "export.run p99");
        assertThat(series.get("export.run p50")[0]).isCloseTo(500.5, within(10.0));
        assertThat(series.get("export.run p95")[0]).isCloseTo(950.5, within(10.0));
        assertThat(series.get("export.run p99")[0]).isCloseTo(990.5, within(10.0));
        assertThat(series.get("export.run p50")[1]).isNaN();
        assertThat(durations.series()).extracting(TimeSeries.Series::filter).containsOnly("event.action:\"export.run\"");
    }

    @Test
    void duration_percentiles_can_be_grouped_by_service() {
        TimeRange hour = new TimeRange(AnalyticsTestData.DURATIONS,
                AnalyticsTestData.DURATIONS.plus(Duration.ofHours(1)), "");

        Map<String, double[]> series = bySeries(analytics.durationPercentiles(hour, DurationGroup.SERVICE, 3));

        assertThat(series.keySet()).containsExactly("reports p50", "reports p95", "reports p99");
        assertThat(series.get("reports p95")[0]).isCloseTo(950.5, within(10.0));
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
    void top_entities_count_the_affected_entities_and_those_without_one() {
        Breakdown entities = analytics.top(DAY, TopField.ENTITIES, 10);

        assertThat(entries(entities)).containsExactly(Map.entry("order-1", 864L), Map.entry("order-2", 576L));
        assertThat(entities.missing()).isEqualTo(360);
        assertThat(entities.others()).isZero();
        assertThat(entities.entries().getFirst().filter()).isEqualTo("audit.entity.id:\"order-1\"");
    }

    @Test
    void user_vs_system_counts_each_source_and_equals_the_sums_of_volume_by_source() {
        Breakdown sources = analytics.top(DAY, TopField.SOURCE, 10);

        assertThat(entries(sources)).containsExactly(Map.entry("user", 864L), Map.entry("system", 576L),
                Map.entry("scheduled", 360L));
        assertThat(entries(analytics.overview(DAY).userVsSystem())).isEqualTo(entries(sources));
    }

    @Test
    void the_overview_from_one_search_equals_each_chart_asked_for_alone() {
        Overview overview = analytics.overview(DAY);

        assertThat(text(overview.volumeByLevel())).isEqualTo(text(analytics.volumeOverTime(DAY, Split.LEVEL)));
        assertThat(text(overview.volumeByService())).isEqualTo(text(analytics.volumeOverTime(DAY, Split.SERVICE)));
        assertThat(text(overview.volumeBySource())).isEqualTo(text(analytics.volumeOverTime(DAY, Split.SOURCE)));
        assertThat(text(overview.errorRate())).isEqualTo(text(analytics.errorRateOverTime(DAY)));
        assertThat(text(overview.durations()))
                .isEqualTo(text(analytics.durationPercentiles(DAY, DurationGroup.ACTION, 3)));
        assertThat(entries(overview.topActions())).isEqualTo(entries(analytics.top(DAY, TopField.ACTIONS, 10)));
        assertThat(entries(overview.topErrorTypes()))
                .isEqualTo(entries(analytics.top(DAY, TopField.ERROR_TYPES, 10)));
        assertThat(entries(overview.topUsers())).isEqualTo(entries(analytics.top(DAY, TopField.USERS, 10)));
        assertThat(entries(overview.topEntities())).isEqualTo(entries(analytics.top(DAY, TopField.ENTITIES, 10)));
        assertThat(entries(overview.auditStatus()))
                .isEqualTo(entries(analytics.top(DAY, TopField.AUDIT_STATUS, 10)));
        assertThat(overview.volumeByLevel().total()).isEqualTo(1800.0);
    }

    @Test
    void a_split_names_the_events_without_the_field_none_and_those_beyond_the_shown_values_other() {
        Map<String, double[]> users = bySeries(analytics.volumeOverTime(DAY, "user.name"));
        assertThat(users.keySet()).containsExactlyInAnyOrder("alice", "bob", "(none)");
        assertThat(sum(users.get("(none)"))).isEqualTo(1800 - 864);

        TimeRange hour = new TimeRange(AnalyticsTestData.DURATIONS,
                AnalyticsTestData.DURATIONS.plus(Duration.ofHours(1)), "");
        TimeSeries byHost = analytics.volumeOverTime(hour, "host.name");
        assertThat(byHost.series()).hasSize(9);
        TimeSeries.Series other = byHost.series().getLast();
        assertThat(other.name()).isEqualTo("(other)");
        assertThat(sum(other.values())).isEqualTo(200.0);
        assertThat(byHost.total()).isEqualTo(1000.0);
        // its click-through filter selects exactly those events
        assertThat(analytics.count(new TimeRange(hour.from(), hour.to(), other.filter()))).isEqualTo(200);
    }

    @Test
    void a_split_with_more_values_in_a_bucket_than_listed_per_bucket_still_shows_the_range_top_values() {
        TimeRange minute = new TimeRange(AnalyticsTestData.MANY_HOSTS,
                AnalyticsTestData.MANY_HOSTS.plus(Duration.ofMinutes(1)), "");
        TimeSeries byHost = analytics.volumeOverTime(minute, "host.name");

        // host-0's first event shares its second with 149 other hosts, more than a bucket lists, and would be left
        // out of that second's list of its top values; hosts 140-149 have 15 events each, ties go to the smaller
        // value as Elasticsearch orders terms
        assertThat(byHost.series()).extracting(TimeSeries.Series::name).containsExactly("host-0", "host-140",
                "host-141", "host-142", "host-143", "host-144", "host-145", "host-146", "(other)");
        assertThat(sum(byHost.series().getFirst().values())).isEqualTo(101.0);
        byHost.series().subList(1, 8).forEach(s -> assertThat(sum(s.values())).isEqualTo(15.0));
        assertThat(sum(byHost.series().getLast().values())).isEqualTo(1300.0 - 101 - 7 * 15);
        assertThat(byHost.total()).isEqualTo(1300.0);
    }

    @Test
    void counts_match_the_search_page_a_click_opens_for_free_text_and_field_queries() {
        for (String query : List.of("critical", "TimeoutException", "shop AND NOT order", "checkout",
                "service.name:billing AND log.level:critical")) {
            TimeRange range = new TimeRange(DAY.from(), DAY.to(), query);
            SearchResult page = search.search(query, new io.logwarden.search.TimeRange(DAY.from(), DAY.to()), 1,
                    null, List.of());

            assertThat(analytics.count(range)).as(query).isEqualTo(page.total());
        }
        // a term without a field searches the message only, as Search does: TimeoutException is only an error.type
        assertThat(analytics.count(new TimeRange(DAY.from(), DAY.to(), "TimeoutException"))).isZero();
        assertThat(analytics.count(new TimeRange(DAY.from(), DAY.to(), "critical"))).isEqualTo(72);
    }

    @Test
    void a_query_search_refuses_is_refused_by_every_chart_with_the_same_message() {
        TimeRange bad = new TimeRange(DAY.from(), DAY.to(), "service.name:(shop");

        assertThatThrownBy(() -> analytics.overview(bad)).isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> analytics.count(bad)).isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> analytics.summary24h(DAY.to(), "*shop")).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("wildcard");
    }

    @Test
    void a_query_elasticsearch_refuses_is_a_domain_exception_not_a_client_one() {
        EventSelection unparsable = new EventSelection(DAY.from(), DAY.to(), "service.name:(shop",
                ScopeFilter.UNRESTRICTED);

        assertThatThrownBy(() -> events.count(unparsable)).isInstanceOf(QueryRejectedException.class)
                .hasMessageNotContaining("co.elastic");
    }

    @Test
    void users_without_pii_access_see_pseudonyms_in_a_split_by_a_personal_field() {
        logIn("billing-analyst", Roles.ANALYST);
        documents.save(IndexNames.USERS, "billing-analyst", new UserAccount("billing-analyst", "{noop}x",
                Set.of(Roles.ANALYST), AccessScope.EVERYTHING, true, Instant.now()));
        try {
            TimeSeries byUser = analytics.volumeOverTime(DAY, "user.name");

            assertThat(byUser.series()).extracting(TimeSeries.Series::name).containsExactlyInAnyOrder(
                    AnalyticsService.pseudonym("alice"), AnalyticsService.pseudonym("bob"), "(none)");
            assertThat(byUser.series()).extracting(TimeSeries.Series::filter).containsOnly("");
            assertThat(bySeries(byUser).get(AnalyticsService.pseudonym("alice"))[0]).isEqualTo(3.0);
        } finally {
            documents.save(IndexNames.USERS, "billing-analyst", new UserAccount("billing-analyst", "{noop}x",
                    Set.of(Roles.ANALYST), new AccessScope(Set.of(), Set.of("billing"), Set.of()), true,
                    Instant.now()));
        }
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

    private static void logIn(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    private static Map<String, double[]> bySeries(TimeSeries series) {
        Map<String, double[]> map = new java.util.LinkedHashMap<>();
        series.series().forEach(s -> map.put(s.name(), s.values()));
        return map;
    }

    /** Series names, filters and values as text (NaN equals NaN there). */
    private static String text(TimeSeries series) {
        StringBuilder text = new StringBuilder(series.interval() + " " + series.starts() + "\n");
        series.series().forEach(s -> text.append(s.name()).append(" | ").append(s.filter()).append(" | ")
                .append(Arrays.toString(s.values())).append('\n'));
        return text.toString();
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    private static List<Map.Entry<String, Long>> entries(Breakdown breakdown) {
        return breakdown.entries().stream().map(e -> Map.entry(e.key(), e.count())).toList();
    }
}
