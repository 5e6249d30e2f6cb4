package io.logwarden.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.logwarden.alert.AlertService;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Firing and recent alert groups: severity, acknowledge, snooze, link to the matching events. */
class AlertsPanel extends VerticalLayout {

    private final AlertService alerts;
    private final Grid<AlertView> grid = new Grid<>();
    private final Checkbox firingOnly = new Checkbox("Firing only", false);
    private final Select<Duration> snoozeFor = new Select<>();

    private final boolean canWrite;

    AlertsPanel(AlertService alerts, boolean canWrite) {
        this.alerts = alerts;
        this.canWrite = canWrite;
        snoozeFor.setVisible(canWrite);
        setSizeFull();
        setPadding(false);
        snoozeFor.setLabel("Snooze for");
        snoozeFor.setItems(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1),
                Duration.ofDays(7));
        snoozeFor.setItemLabelGenerator(Durations::format);
        snoozeFor.setValue(Duration.ofHours(1));
        firingOnly.addValueChangeListener(e -> refresh());
        Button reload = new Button("Refresh", e -> refresh());
        HorizontalLayout toolbar = new HorizontalLayout(firingOnly, snoozeFor, reload);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addComponentColumn(a -> Severities.badge(a.severity())).setHeader("Severity").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AlertView::ruleName).setHeader("Rule").setFlexGrow(2);
        grid.addColumn(a -> a.state().group().isEmpty() ? "—" : a.state().group()).setHeader("Group").setFlexGrow(2);
        grid.addColumn(a -> a.state().status().name().toLowerCase(java.util.Locale.ROOT)).setHeader("Status");
        grid.addColumn(a -> Times.format(a.state().firingSince())).setHeader("Firing since").setAutoWidth(true);
        grid.addColumn(a -> Times.format(a.state().resolvedAt())).setHeader("Resolved").setAutoWidth(true);
        grid.addColumn(a -> format(a.state().lastValue())).setHeader("Value");
        grid.addColumn(this::handling).setHeader("Handled").setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();
        add(toolbar, grid);
    }

    void refresh() {
        try {
            List<AlertView> items = alerts.alerts(firingOnly.getValue());
            grid.setItems(items);
        } catch (RuntimeException e) {
            Actions.error("Could not load alerts: " + e.getMessage());
        }
    }

    private String handling(AlertView a) {
        AlertState s = a.state();
        StringBuilder text = new StringBuilder();
        if (s.acknowledged()) {
            text.append("acknowledged by ").append(s.acknowledgedBy());
        }
        if (s.snoozed(Instant.now())) {
            text.append(text.isEmpty() ? "" : "; ").append("snoozed until ").append(Times.format(s.snoozedUntil()));
        }
        return text.toString();
    }

    private HorizontalLayout actions(AlertView a) {
        AlertState s = a.state();
        Button ack = new Button("Acknowledge", e -> {
            if (Actions.run(() -> alerts.acknowledge(s.id()), "Acknowledged")) {
                refresh();
            }
        });
        ack.setEnabled(s.firing() && !s.acknowledged());
        Button snooze = new Button("Snooze", e -> {
            Duration d = snoozeFor.getValue() == null ? Duration.ofHours(1) : snoozeFor.getValue();
            if (Actions.run(() -> alerts.snooze(s.id(), d), "Snoozed for " + Durations.format(d))) {
                refresh();
            }
        });
        for (Button b : new Button[]{ack, snooze}) {
            b.addThemeVariants(ButtonVariant.SMALL);
            b.setVisible(canWrite);
        }
        HorizontalLayout row = new HorizontalLayout(ack, snooze, Links.anchor(a.link(), "Open"));
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
