package io.logwarden.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertRuleService;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.RuleRunState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The user's rules: enable/disable, edit, delete, history, a button for a new rule, and how each rule's evaluations
 * go (a failing one shows its error).
 */
class RulesPanel extends VerticalLayout {

    private final AlertRuleService alerts;
    private final Grid<AlertRule> grid = new Grid<>();
    private List<AlertRule> current = List.of();
    private Map<String, RuleRunState> runs = Map.of();

    private final boolean canWrite;

    RulesPanel(AlertRuleService alerts, boolean canWrite, Consumer<AlertRule> showHistory) {
        this.alerts = alerts;
        this.canWrite = canWrite;
        setSizeFull();
        setPadding(false);
        Button create = new Button("New rule", e -> new RuleDialog(alerts, null, alerts::create, this::refresh).open());
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.setVisible(canWrite);

        grid.addComponentColumn(this::toggle).setHeader("Enabled").setKey("enabled").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AlertRule::name).setHeader("Name").setFlexGrow(2).setSortable(true)
                .setComparator(r -> r.name().toLowerCase(Locale.ROOT));
        grid.addColumn(r -> r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).setHeader("Kind")
                .setAutoWidth(true);
        grid.addComponentColumn(r -> Severities.badge(r.severity())).setHeader("Severity").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.query().isEmpty() ? "(all events)" : r.query()).setHeader("Query").setFlexGrow(3);
        grid.addColumn(r -> r.groupBy() == null ? "" : r.groupBy()).setHeader("Group by");
        grid.addColumn(r -> Durations.format(r.window())).setHeader("Window");
        grid.addColumn(r -> AlertsPanel.format(r.threshold())).setHeader("Threshold");
        grid.addColumn(r -> String.join(", ", r.channels().stream().map(ChannelConfig::type).map(Enum::name)
                .toList())).setHeader("Channels").setFlexGrow(2);
        grid.addColumn(AlertRule::owner).setHeader("Owner");
        grid.addComponentColumn(this::lastRun).setHeader("Last run").setKey("lastRun").setFlexGrow(2);
        grid.addComponentColumn(r -> actions(r, showHistory)).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();
        add(create, grid);
    }

    List<AlertRule> rules() {
        return current;
    }

    void refresh() {
        try {
            current = alerts.rules();
            runs = alerts.runStates();
            grid.setItems(current);
        } catch (RuntimeException e) {
            Actions.error("Could not load rules: " + e.getMessage());
        }
    }

    private com.vaadin.flow.component.html.Span lastRun(AlertRule rule) {
        RuleRunState run = runs.get(rule.id());
        com.vaadin.flow.component.html.Span text = new com.vaadin.flow.component.html.Span();
        if (run == null || run.lastEvaluatedAt() == null) {
            text.setText(rule.enabled() ? "not evaluated yet" : "");
        } else if (run.lastError() != null) {
            text.setText("failing since " + Times.format(run.lastErrorAt()) + ": " + run.lastError());
            text.addClassName("rule-error");
        } else {
            text.setText("ok, " + Times.format(run.lastEvaluatedAt()));
        }
        return text;
    }

    private Checkbox toggle(AlertRule rule) {
        Checkbox enabled = new Checkbox(rule.enabled());
        enabled.setReadOnly(!canWrite);
        enabled.setAriaLabel((rule.enabled() ? "Disable " : "Enable ") + rule.name());
        enabled.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            boolean ok = Actions.run(() -> alerts.setEnabled(rule.id(), e.getValue()),
                    (e.getValue() ? "Enabled " : "Disabled ") + rule.name());
            refresh();
            if (!ok) {
                enabled.setValue(e.getOldValue());
            }
        });
        return enabled;
    }

    private HorizontalLayout actions(AlertRule rule, Consumer<AlertRule> showHistory) {
        Button edit = new Button("Edit", e -> new RuleDialog(alerts, rule, draft -> alerts.update(rule.id(), draft),
                this::refresh).open());
        Button history = new Button("History", e -> showHistory.accept(rule));
        Button delete = new Button("Delete", e -> confirmDelete(rule));
        delete.addThemeVariants(ButtonVariant.ERROR);
        edit.setVisible(canWrite);
        delete.setVisible(canWrite);
        for (Button b : new Button[]{edit, history, delete}) {
            b.addThemeVariants(ButtonVariant.SMALL);
        }
        HorizontalLayout row = new HorizontalLayout(edit, history, delete);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private void confirmDelete(AlertRule rule) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Delete rule?");
        // setText renders plain text: the rule name is user input
        confirm.setText("Delete \"" + rule.name() + "\" and its alert state? Its history stays in the alert indices.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Delete");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            Actions.run(() -> alerts.delete(rule.id()), "Deleted " + rule.name());
            refresh();
        });
        confirm.open();
    }
}
