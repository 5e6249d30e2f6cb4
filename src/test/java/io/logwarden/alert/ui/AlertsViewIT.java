package io.logwarden.alert.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.alert.AlertRule;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.internal.AlertIndices;
import io.logwarden.alert.internal.channel.RecordingHttpServer;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The Alerts view and rule editor, browserless, against the real services and Elasticsearch. */
@LogwardenIntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class AlertsViewIT extends SpringBrowserlessTest {

    @Autowired
    VersionedDocumentStore store;
    @Autowired
    DocumentStore documents;

    private RecordingHttpServer hook;
    private final String tag = "UI" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeEach
    void start() throws Exception {
        hook = new RecordingHttpServer();
    }

    @AfterEach
    void stop() {
        hook.close();
    }

    private void openRulesTab() {
        navigate(AlertsView.class);
        find(TabSheet.class).single().setSelectedIndex(1);
    }

    private RuleDialog openNewRule() {
        openRulesTab();
        test(find(Button.class).withText("New rule").single()).click();
        return find(RuleDialog.class).single();
    }

    private void fill(RuleDialog dialog, String name, String query, String groupBy, String channels) {
        test(find(TextField.class, dialog).withLabel("Name").single()).setValue(name);
        test(find(TextField.class, dialog).withLabel("Query").single()).setValue(query);
        test(find(TextField.class, dialog).withLabel("Group by").single()).setValue(groupBy);
        test(find(TextArea.class, dialog).withLabel("Channels").single()).setValue(channels);
    }

    private static String text(Div div) {
        return div.getElement().getTextRecursively();
    }

    private Div errors(RuleDialog dialog) {
        return find(Div.class, dialog).withClassName("rule-errors").single();
    }

    private Div result(RuleDialog dialog) {
        return find(Div.class, dialog).withClassName("alert-text").single();
    }

    @Test
    void the_editor_lists_every_problem_before_saving() {
        RuleDialog dialog = openNewRule();
        fill(dialog, "Bad " + tag, "log.level:(critical", "message", "WEBHOOK; url=ftp://nowhere");
        test(find(Button.class, dialog).withText("Save").single()).click();

        assertThat(text(errors(dialog))).contains("query is not valid")
                .contains("groupBy 'message' is a text field")
                .contains("channel 1 (WEBHOOK): url must be an http:// or https:// URL");
        assertThat(dialog.isOpened()).isTrue();
    }

    @Test
    void send_test_notification_reports_each_channel_and_reaches_the_receiver() {
        RuleDialog dialog = openNewRule();
        fill(dialog, "Test " + tag, "log.level:critical", "", "WEBHOOK; url=" + hook.url("/hook"));
        test(find(Button.class, dialog).withText("Send test notification").single()).click();

        assertThat(text(result(dialog))).contains("WEBHOOK 127.0.0.1: DELIVERED after 1 attempt");
        assertThat(hook.requests()).singleElement().satisfies(r -> assertThat(r.body()).contains("\"test\":true"));
    }

    @Test
    void preview_shows_the_matches_of_the_last_24_hours_per_group() {
        for (int i = 0; i < 3; i++) {
            store.put(IndexNames.eventsIndex(Instant.now()), UUID.randomUUID().toString(), Map.of(
                    "@timestamp", Instant.now().minusSeconds(3600 + i).toString(),
                    "event", Map.of("action", tag), "service", Map.of("name", "svc" + (i % 2))));
        }
        RuleDialog dialog = openNewRule();
        fill(dialog, "Preview " + tag, "event.action:" + tag, "service.name", "");
        test(find(Select.class, dialog).withLabel("Kind").single()).selectItem("COUNT_THRESHOLD");
        test(find(Button.class, dialog).withText("Preview matches over the last 24 h").single()).click();

        String shown = text(result(dialog));
        assertThat(shown).contains("Matching events over the last 24 h: 3 in 2 groups").contains("svc0: 2")
                .contains("svc1: 1");
    }

    @Test
    void a_rule_is_saved_then_enabled_and_disabled_from_the_grid() {
        RuleDialog dialog = openNewRule();
        String name = "Toggle " + tag;
        fill(dialog, name, "log.level:critical", "", "WEBHOOK; url=" + hook.url("/hook"));
        test(find(Button.class, dialog).withText("Save").single()).click();
        assertThat(dialog.isOpened()).as(text(errors(dialog))).isFalse();
        AlertRule saved = stored(name);
        assertThat(saved.enabled()).isFalse();

        Checkbox toggle = toggleOf(name);
        test(toggle).click();
        assertThat(stored(name).enabled()).isTrue();
        test(toggleOf(name)).click();
        assertThat(stored(name).enabled()).isFalse();
        assertThat(stored(name).revision()).isEqualTo(3L);
    }

    private Checkbox toggleOf(String name) {
        return (Checkbox) cell(name, "enabled");
    }

    /** The component in the rules grid's column {@code key} of the rule named {@code name}. */
    @SuppressWarnings("unchecked")
    private com.vaadin.flow.component.Component cell(String name, String key) {
        Grid<AlertRule> grid = find(Grid.class).all().stream().map(g -> (Grid<AlertRule>) g)
                .filter(g -> g.getColumnByKey("enabled") != null).findFirst().orElseThrow();
        for (int row = 0; row < test(grid).size(); row++) {
            if (test(grid).getRow(row).name().equals(name)) {
                return test(grid).getCellComponent(row, key);
            }
        }
        throw new AssertionError("no rule " + name + " in the grid");
    }

    private AlertRule stored(String name) {
        return documents.findAll(AlertIndices.RULES, AlertRule.class, 10_000).stream()
                .filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void a_failing_rule_shows_its_error_in_the_rules_grid() {
        AlertRule failing = new AlertRule("ui-" + tag, "Failing " + tag, null, true, RuleKind.COUNT_THRESHOLD, null,
                "x", null, "message", Duration.ofMinutes(5), 0.0, null, null, null, null, List.of(), "admin",
                ScopeFilter.UNRESTRICTED, Instant.now(), Instant.now());
        store.put(AlertIndices.RULES, failing.id(), failing);
        store.put(AlertIndices.LEASES, failing.id(), new io.logwarden.alert.internal.RuleLease(failing.id(), "x",
                Instant.now(), Instant.now(), List.of(), "Fielddata is disabled on [message]", Instant.now()));
        openRulesTab();

        Span lastRun = (Span) cell("Failing " + tag, "lastRun");
        assertThat(lastRun.getText()).startsWith("failing since ").contains("Fielddata is disabled on [message]");
        assertThat(lastRun.getClassNames()).contains("rule-error");
    }
}
