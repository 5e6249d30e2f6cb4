package io.logwarden.analytics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.logwarden.testsupport.ElasticsearchOutageTest;
import io.logwarden.testsupport.ElasticsearchProxy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

/** The dashboards while Elasticsearch is unreachable: the views open and say so where data is missing. */
@ElasticsearchOutageTest
@WithMockUser(username = "admin", roles = "ADMIN")
class DashboardOutageIT extends BrowserlessViewTest {

    private final ElasticsearchProxy elasticsearch = ElasticsearchProxy.instance();

    @AfterEach
    void giveElasticsearchBack() {
        elasticsearch.restore();
    }

    @Test
    void the_overview_opens_and_shows_a_message_on_every_chart_while_elasticsearch_is_down() {
        elasticsearch.cut();

        navigate(DashboardView.class);
        await("the failure", () -> $(Span.class).withId("events-per-hour-chart-failure").exists()
                && $(Span.class).withId("summary-failure").exists());

        for (String id : List.of("events-per-hour-chart", "error-rate-chart", "duration-chart", "top-users-chart")) {
            assertThat($(Span.class).withId(id + "-failure").single().getText()).as(id)
                    .startsWith("Elasticsearch is not available right now.").doesNotContain("Exception", "co.elastic");
        }
        assertThat($(Span.class).withId("summary-failure").single().getText())
                .startsWith("Elasticsearch is not available right now.");
    }

    @Test
    void custom_dashboards_and_jobs_open_while_elasticsearch_is_down() {
        elasticsearch.cut();

        navigate(JobsView.class);
        assertThat($(Span.class).withId("jobs-failure").single().getText())
                .startsWith("Elasticsearch is not available right now.");

        navigate(CustomDashboardsView.class);
        assertThat($(Paragraph.class).withId("custom-dashboards-failure").single().getText())
                .startsWith("Elasticsearch is not available right now.");
    }
}
