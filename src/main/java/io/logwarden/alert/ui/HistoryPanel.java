package io.logwarden.alert.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertService;
import io.logwarden.alert.AlertTransition;
import java.util.List;

/** Transitions of one rule (firing, resolved, notified, suppressed, acknowledged, ...), newest first. */
class HistoryPanel extends VerticalLayout {

    static final int MAX = 500;

    private final AlertService alerts;
    private final ComboBox<AlertRule> rule = new ComboBox<>("Rule");
    private final Grid<AlertTransition> grid = new Grid<>();

    HistoryPanel(AlertService alerts) {
        this.alerts = alerts;
        setSizeFull();
        setPadding(false);
        rule.setItemLabelGenerator(AlertRule::name);
        rule.setWidth("30rem");
        rule.addValueChangeListener(e -> load(e.getValue()));
        grid.addColumn(t -> Times.format(t.timestamp())).setHeader("Time").setAutoWidth(true);
        grid.addComponentColumn(t -> Severities.badge(t.severity())).setHeader("Severity").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AlertTransition::state).setHeader("Transition").setAutoWidth(true);
        grid.addColumn(t -> t.group() == null || t.group().isEmpty() ? "—" : t.group()).setHeader("Group");
        grid.addColumn(t -> AlertsPanel.format(t.value())).setHeader("Value");
        grid.addColumn(AlertTransition::actor).setHeader("By");
        grid.addColumn(AlertTransition::message).setHeader("Detail").setFlexGrow(3);
        grid.setSizeFull();
        add(rule, grid);
    }

    void setRules(List<AlertRule> rules, AlertRule selected) {
        AlertRule previous = selected != null ? selected : rule.getValue();
        rule.setItems(rules);
        AlertRule match = previous == null ? null
                : rules.stream().filter(r -> r.id().equals(previous.id())).findFirst().orElse(null);
        rule.setValue(match);
        if (match != null) {
            load(match);
        }
    }

    private void load(AlertRule selected) {
        if (selected == null) {
            grid.setItems(List.of());
            return;
        }
        try {
            grid.setItems(alerts.history(selected.id(), MAX));
        } catch (RuntimeException e) {
            Actions.error("Could not load the history: " + e.getMessage());
        }
    }
}
