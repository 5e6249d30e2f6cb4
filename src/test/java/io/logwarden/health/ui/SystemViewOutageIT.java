package io.logwarden.health.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.logwarden.testsupport.ElasticsearchOutageTest;
import io.logwarden.testsupport.ElasticsearchProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

/** The System view is what an admin opens when Elasticsearch is down: it must open and say so. */
@ElasticsearchOutageTest
@WithMockUser(username = "admin", roles = "ADMIN")
class SystemViewOutageIT extends SpringBrowserlessTest {

    private final ElasticsearchProxy elasticsearch = ElasticsearchProxy.instance();

    @AfterEach
    void giveElasticsearchBack() {
        elasticsearch.restore();
    }

    @Test
    void shows_health_indices_and_resources_while_elasticsearch_answers() {
        navigate(SystemView.class);

        assertThat($(Div.class).withAttribute("data-component", "elasticsearch").single()
                .getElement().getAttribute("data-level")).isIn("HEALTHY", "DEGRADED");
        assertThat($(Span.class).withId("index-list-failure").exists()).as("failure shown").isFalse();
        assertThat($(Div.class).withId("system-resources-failure").exists()).isFalse();
    }

    @Test
    void opens_while_elasticsearch_is_down_and_says_what_is_missing() {
        elasticsearch.cut();

        navigate(SystemView.class);

        assertThat($(Div.class).withAttribute("data-component", "elasticsearch").single()
                .getElement().getAttribute("data-level")).isEqualTo("UNHEALTHY");
        Span indices = $(Span.class).withId("index-list-failure").single();
        assertThat(indices.isVisible()).isTrue();
        assertThat(indices.getText()).startsWith("Elasticsearch is not available").doesNotContain("Exception");
        assertThat($(Div.class).withId("system-resources-failure").single().getElement().getTextRecursively())
                .contains("Elasticsearch is not available");
    }
}
