package io.logwarden.anomaly.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import io.logwarden.anomaly.Anomaly;
import io.logwarden.storage.AnomalyRecords;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The Anomalies view opened from an alert's link ({@code anomalies?id=}), in a simulated browser. */
@LogwardenIntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class AnomaliesViewIT extends SpringBrowserlessTest {

    @Autowired
    AnomalyRecords records;

    @Test
    void a_link_with_an_id_selects_that_anomaly_even_when_it_is_older_than_the_range() {
        String id = "view-it-" + UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofDays(40)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        records.record(List.of(document(id, start)), List.of());

        openLink(id);

        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = $(Grid.class).withId("anomaly-grid").single();
        assertThat(grid.getSelectedItems()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.explanation()).isEqualTo("p95 duration of VIEW_IT 2,350 ms, expected 180-260 ms");
        });
        assertThat($(Span.class).withId("anomaly-focus-missing").exists()).as("no 'missing' message").isFalse();
    }

    @Test
    void a_link_to_an_unknown_anomaly_says_so() {
        openLink("no-such-anomaly");

        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = $(Grid.class).withId("anomaly-grid").single();
        assertThat(grid.getSelectedItems()).isEmpty();
        Span missing = $(Span.class).withId("anomaly-focus-missing").single();
        assertThat(missing.isVisible()).isTrue();
        assertThat(missing.getText()).contains("does not exist or is outside your scope");
    }

    /** Navigates as the link in an alert does: {@code anomalies?id=...}. */
    private void openLink(String id) {
        UI.getCurrent().navigate("anomalies", QueryParameters.of("id", id));
        assertThat($(AnomaliesView.class).exists()).isTrue();
    }

    private static Map<String, Object> document(String id, Instant start) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("@timestamp", start.toString());
        doc.put("detector", "duration");
        doc.put("score", 91.0);
        doc.put("severity", "high");
        doc.put("entity", Map.of("type", "action", "id", "action:view-shop/VIEW_IT", "name", "VIEW_IT"));
        doc.put("window", Map.of("start", start.toString(), "end", start.plus(Duration.ofMinutes(5)).toString()));
        doc.put("explanation", "p95 duration of VIEW_IT 2,350 ms, expected 180-260 ms");
        doc.put("service", Map.of("name", "view-shop"));
        doc.put("tenants", List.of());
        doc.put("feedback", "open");
        doc.put("learning", "none");
        doc.put("actual", 2350.0);
        doc.put("expected", Map.of("low", 180.0, "high", 260.0));
        doc.put("unit", "ms");
        doc.put("evidence", Map.of());
        doc.put("detected_at", start.plus(Duration.ofMinutes(6)).toString());
        doc.put("updated_at", start.plus(Duration.ofMinutes(6)).toString());
        return doc;
    }
}
