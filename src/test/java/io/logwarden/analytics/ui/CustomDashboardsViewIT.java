package io.logwarden.analytics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.analytics.CustomDashboardService;
import io.logwarden.analytics.DashboardDefinition;
import io.logwarden.analytics.Widget;
import io.logwarden.base.ui.EChart;
import io.logwarden.storage.DocumentStore;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** "My dashboards" and its editor in a simulated browser, against the real Elasticsearch. */
@LogwardenIntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class CustomDashboardsViewIT extends BrowserlessViewTest {

    @Autowired
    ElasticsearchClient client;
    @Autowired
    DocumentStore store;
    @Autowired
    CustomDashboardService dashboards;

    @Test
    void a_dashboard_built_in_the_editor_is_saved_and_shows_its_widgets() throws IOException {
        String service = "custom-" + UUID.randomUUID();
        seed(client, service, 30, Map.of());
        String title = "Built " + service;
        CustomDashboardsView view = navigate(CustomDashboardsView.class);

        test($(Button.class).withId("custom-dashboard-new").single()).click();
        DashboardEditor editor = $(DashboardEditor.class).single();
        test($(TextField.class).withId("dashboard-editor-title").single()).setValue(title);
        // the new dashboard starts with one time-series widget split by level; give it this service's query
        test($(TextField.class, editor).withLabel("Query").first()).setValue("service.name:\"" + service + "\"");
        test($(Button.class).withId("dashboard-editor-add-widget").single()).click();
        test($(TextField.class, editor).withLabel("Widget title").last()).setValue("Errors");
        test($(TextField.class, editor).withLabel("Query").last())
                .setValue("service.name:\"" + service + "\" AND log.level:error");
        test($(Button.class).withId("dashboard-editor-save").single()).click();

        assertThat($(DashboardEditor.class).exists()).isFalse();
        assertThat(dashboards.visible()).extracting(DashboardDefinition::title).contains(title);
        @SuppressWarnings("unchecked")
        Select<DashboardDefinition> picker = $(Select.class).withId("custom-dashboard-picker").single();
        assertThat(picker.getValue().title()).isEqualTo(title);
        await("the widgets", () -> $(Span.class).withId("widget-1").exists()
                && $(EChart.class).withId("widget-0").single().getElement().getProperty("option") != null);
        assertThat($(Span.class).withId("widget-1").single().getText()).isEqualTo("6");
        assertThat($(EChart.class).withId("widget-0").single().getElement().getProperty("option"))
                .contains("\"name\":\"error\"", "\"name\":\"info\"");
        assertThat(view).isNotNull();
    }

    @Test
    void the_editor_refuses_a_widget_query_search_would_refuse_and_stays_open() {
        navigate(CustomDashboardsView.class);
        test($(Button.class).withId("custom-dashboard-new").single()).click();
        DashboardEditor editor = $(DashboardEditor.class).single();
        test($(TextField.class).withId("dashboard-editor-title").single()).setValue("Bad " + UUID.randomUUID());
        test($(TextField.class, editor).withLabel("Query").first()).setValue("log.level:(error");

        test($(Button.class).withId("dashboard-editor-save").single()).click();

        assertThat($(DashboardEditor.class).exists()).as("editor still open").isTrue();
        assertThat(test($(Notification.class).last()).getText()).startsWith("Widget 'Events':");
    }

    @Test
    void one_widget_with_a_bad_query_shows_a_message_and_the_others_their_data() throws IOException {
        String service = "mixed-" + UUID.randomUUID();
        seed(client, service, 12, Map.of());
        // saved straight to the store, as dashboards saved before queries were checked may be
        DashboardDefinition stored = new DashboardDefinition(UUID.randomUUID().toString(), "AAA mixed " + service,
                "admin", Set.of(), List.of(new Widget("Broken", Widget.Type.SINGLE_NUMBER, "level:(error", null),
                new Widget("Count", Widget.Type.SINGLE_NUMBER, "service.name:\"" + service + "\"", null),
                new Widget("Broken bars", Widget.Type.BAR_BREAKDOWN, "user.name:(x", "event.action")),
                Instant.now());
        store.save(CustomDashboardService.INDEX, stored.id(), stored);
        try {
            navigate(CustomDashboardsView.class);
            @SuppressWarnings("unchecked")
            Select<DashboardDefinition> picker = $(Select.class).withId("custom-dashboard-picker").single();
            picker.setValue(dashboards.find(stored.id()).orElseThrow());

            await("the widgets", () -> $(Span.class).withId("widget-1").exists()
                    && $(Span.class).withId("widget-0-failure").exists()
                    && $(Span.class).withId("widget-2-failure").exists());

            assertThat($(Span.class).withId("widget-1").single().getText()).isEqualTo("12");
            assertThat($(Span.class).withId("widget-0-failure").single().getText())
                    .startsWith("The query is not valid");
            assertThat($(Span.class).withId("widget-2-failure").single().getText())
                    .startsWith("The query is not valid");
        } finally {
            store.delete(CustomDashboardService.INDEX, stored.id());
        }
    }

    @Test
    void deleting_asks_first_and_removes_the_dashboard_only_when_confirmed() {
        DashboardDefinition saved = dashboards.save(new DashboardDefinition(null, "AAA delete " + UUID.randomUUID(),
                null, Set.of(), List.of(new Widget("All", Widget.Type.SINGLE_NUMBER, "", null)), null));
        navigate(CustomDashboardsView.class);
        @SuppressWarnings("unchecked")
        Select<DashboardDefinition> picker = $(Select.class).withId("custom-dashboard-picker").single();
        picker.setValue(dashboards.find(saved.id()).orElseThrow());

        test($(Button.class).withId("custom-dashboard-delete").single()).click();
        test($(ConfirmDialog.class).single()).cancel();
        assertThat(dashboards.find(saved.id())).isPresent();

        test($(Button.class).withId("custom-dashboard-delete").single()).click();
        test($(ConfirmDialog.class).last()).confirm();
        assertThat(dashboards.find(saved.id())).isEmpty();
    }
}
