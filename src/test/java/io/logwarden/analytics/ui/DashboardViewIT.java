package io.logwarden.analytics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import io.logwarden.base.ui.EChart;
import io.logwarden.base.ui.ThemeState;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The overview dashboard in a simulated browser, against the real Elasticsearch. */
@LogwardenIntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class DashboardViewIT extends BrowserlessViewTest {

    private static final List<String> CHARTS = List.of("events-per-hour-chart", "volume-by-service-chart",
            "volume-by-source-chart", "error-rate-chart", "duration-chart", "top-actions-chart",
            "top-error-types-chart", "top-users-chart", "top-entities-chart", "audit-status-chart",
            "user-vs-system-chart");

    @Autowired
    ElasticsearchClient client;

    @Test
    void the_page_opens_at_once_and_every_chart_and_card_fills_in_as_its_data_arrives() throws IOException {
        String service = "dash-" + UUID.randomUUID();
        seed(client, service, 50, Map.of());

        open("service.name:\"" + service + "\"");
        await("the charts", () -> chart("user-vs-system-chart").getElement().getProperty("option") != null
                && $(Span.class).withId("events-24h-total").exists());

        assertThat($(Span.class).withId("events-24h-total").single().getText()).isEqualTo("50");
        assertThat($(Span.class).withId("summary-errors").single().getText()).isEqualTo("10");
        for (String id : CHARTS) {
            assertThat(chart(id).getElement().getProperty("option")).as(id).isNotBlank();
            assertThat($(Span.class).withId(id + "-failure").exists()).as(id).isFalse();
        }
        assertThat(chart("volume-by-service-chart").getElement().getProperty("option")).contains(service);
        assertThat(chart("events-per-hour-chart").getElement().getProperty("option"))
                .contains("\"name\":\"error\"", "\"name\":\"info\"");
        assertThat($(Span.class).withClassName("dashboard-updated").single().getText()).startsWith("Updated");
    }

    @Test
    void a_chart_downloads_its_data_as_csv() throws IOException {
        String service = "csv-" + UUID.randomUUID();
        seed(client, service, 20, Map.of());

        open("service.name:\"" + service + "\"");
        await("the charts", () -> chart("top-actions-chart").getElement().getProperty("option") != null);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        test($(Anchor.class).withId("top-actions-chart-csv").single()).download(csv);

        assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("event.action,count\r\na,10\r\nb,10\r\n");
    }

    @Test
    void a_query_search_would_refuse_shows_a_message_on_every_chart_and_the_cards_instead_of_data() {
        open("service.name:(unclosed");
        await("the failure", () -> $(Span.class).withId("events-per-hour-chart-failure").exists()
                && $(Span.class).withId("summary-failure").exists());

        for (String id : CHARTS) {
            Span failure = $(Span.class).withId(id + "-failure").single();
            assertThat(failure.getText()).as(id).startsWith("The query is not valid")
                    .doesNotContain("co.elastic", "Exception");
            assertThat($(EChart.class).withId(id).exists()).as(id + " chart hidden").isFalse();
        }
        assertThat($(Span.class).withId("summary-failure").single().getText()).startsWith("The query is not valid");
    }

    @Test
    void switching_to_dark_restyles_the_charts_already_shown() throws IOException {
        String service = "dark-" + UUID.randomUUID();
        seed(client, service, 10, Map.of());
        open("service.name:\"" + service + "\"");
        await("the charts", () -> chart("error-rate-chart").getElement().getProperty("option") != null);
        assertThat(chart("error-rate-chart").getElement().getProperty("option"))
                .contains("\"textStyle\":{\"color\":\"#333\"}");

        ThemeState.toggle(UI.getCurrent());
        try {
            assertThat(chart("error-rate-chart").getElement().getProperty("option"))
                    .contains("\"textStyle\":{\"color\":\"#ddd\"}");
            assertThat(chart("top-users-chart").getElement().getProperty("option"))
                    .contains("\"textStyle\":{\"color\":\"#ddd\"}");
        } finally {
            ThemeState.toggle(UI.getCurrent());
        }
    }

    /** Opens the dashboard as {@code dashboards?q=...} does. */
    private static void open(String query) {
        UI.getCurrent().navigate(DashboardView.class, QueryParameters.of("q", query));
    }

    private EChart chart(String id) {
        return $(EChart.class).withId(id).single();
    }
}
