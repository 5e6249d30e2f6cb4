package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomDashboardIT {

    private static final TimeRange DAY = new TimeRange(AnalyticsTestData.DAY,
            AnalyticsTestData.DAY.plus(Duration.ofHours(24)), "");

    @Autowired
    ElasticsearchClient client;
    @Autowired
    DocumentStore documents;
    @Autowired
    CustomDashboardService dashboards;

    @BeforeAll
    void data() throws IOException {
        AnalyticsTestData.index(client);
        for (String name : List.of("dash-analyst", "dash-viewer")) {
            documents.save(IndexNames.USERS, name, new UserAccount(name, "{noop}x",
                    Set.of(name.endsWith("analyst") ? Roles.ANALYST : Roles.VIEWER), AccessScope.EVERYTHING, true,
                    Instant.now()));
        }
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_saved_dashboard_is_shared_with_its_roles_and_editable_only_by_its_owner() {
        logIn("dash-analyst", Roles.ANALYST);
        DashboardDefinition saved = dashboards.save(new DashboardDefinition(null, "Shop errors " + System.nanoTime(),
                null, Set.of(Roles.VIEWER), List.of(new Widget("Errors", Widget.Type.SINGLE_NUMBER,
                "log.level:error", null)), null));
        assertThat(saved.owner()).isEqualTo("dash-analyst");

        logIn("dash-viewer", Roles.VIEWER);
        assertThat(dashboards.visible()).extracting(DashboardDefinition::id).contains(saved.id());
        assertThat(dashboards.canEdit(saved)).isFalse();
        assertThatThrownBy(() -> dashboards.delete(saved.id())).isInstanceOf(AccessDeniedException.class);

        logIn(TestUsers.ADMIN, Roles.ADMIN);
        dashboards.delete(saved.id());
        assertThat(dashboards.find(saved.id())).isEmpty();
    }

    @Test
    void a_dashboard_not_shared_with_a_role_stays_private() {
        logIn("dash-analyst", Roles.ANALYST);
        DashboardDefinition saved = dashboards.save(new DashboardDefinition(null, "Private", null, Set.of(),
                List.of(), null));

        logIn("dash-viewer", Roles.VIEWER);
        assertThat(dashboards.visible()).extracting(DashboardDefinition::id).doesNotContain(saved.id());
        assertThat(dashboards.find(saved.id())).isEmpty();
    }

    @Test
    void every_widget_type_renders_the_known_numbers() {
        logIn(TestUsers.ADMIN, Roles.ADMIN);

        WidgetData number = dashboards.render(new Widget("Errors", Widget.Type.SINGLE_NUMBER, "log.level:error", null),
                DAY);
        WidgetData table = dashboards.render(new Widget("Actions", Widget.Type.TOP_VALUES_TABLE, "service.name:shop",
                "event.action"), DAY);
        WidgetData bars = dashboards.render(new Widget("Status", Widget.Type.BAR_BREAKDOWN, "", "audit.status"), DAY);
        WidgetData series = dashboards.render(new Widget("By service", Widget.Type.TIME_SERIES, "", "service.name"),
                DAY);

        assertThat(number.number()).isEqualTo(144);
        assertThat(table.breakdown().entries()).extracting(Breakdown.Entry::key, Breakdown.Entry::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order.view", 1008L),
                        org.assertj.core.groups.Tuple.tuple("checkout", 432L));
        assertThat(bars.breakdown().entries()).hasSize(3);
        assertThat(series.series().series()).extracting(TimeSeries.Series::name).containsExactly("shop", "billing");
        assertThat(series.series().total()).isEqualTo(1800.0);
    }

    @Test
    void rejects_widgets_without_a_field_or_with_an_unknown_one() {
        logIn(TestUsers.ADMIN, Roles.ADMIN);
        assertThatThrownBy(() -> dashboards.save(new DashboardDefinition(null, "Bad", null, Set.of(), List.of(
                new Widget("x", Widget.Type.BAR_BREAKDOWN, "", null)), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a field");
        assertThatThrownBy(() -> dashboards.save(new DashboardDefinition(null, "Bad", null, Set.of(), List.of(
                new Widget("x", Widget.Type.BAR_BREAKDOWN, "", "message")), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot use field message");
    }

    private static void logIn(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }
}
