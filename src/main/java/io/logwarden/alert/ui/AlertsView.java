package io.logwarden.alert.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.logwarden.alert.AlertRuleService;
import io.logwarden.alert.AlertService;
import io.logwarden.security.Roles;
import jakarta.annotation.security.PermitAll;

/**
 * Alerts: firing and recent alert groups, the rules with their editor, and each rule's history. Everything goes
 * through {@link AlertRuleService} and {@link AlertService}, which check roles again and limit non-admins to their
 * own rules.
 */
@Route("alerts")
@PageTitle("Alerts · Logwarden")
@Menu(order = 4, icon = "vaadin:bell", title = "Alerts")
@PermitAll
class AlertsView extends Main {

    AlertsView(AlertRuleService rules, AlertService alerts, AuthenticationContext authentication) {
        // the services check again; this only hides buttons a read-only role could not use
        boolean canWrite = authentication.hasAnyRole(Roles.ADMIN, Roles.OPERATIONS);
        addClassName("alerts-view");
        setSizeFull();
        AlertsPanel alertsPanel = new AlertsPanel(alerts, canWrite);
        HistoryPanel historyPanel = new HistoryPanel(alerts);
        TabSheet tabs = new TabSheet();
        RulesPanel[] panel = new RulesPanel[1];
        Tab alertsTab = tabs.add("Alerts", alertsPanel);
        Tab historyTab = new Tab("History");
        panel[0] = new RulesPanel(rules, canWrite, rule -> {
            historyPanel.setRules(panel[0].rules(), rule);
            tabs.setSelectedTab(historyTab);
        });
        Tab rulesTab = tabs.add("Rules", panel[0]);
        tabs.add(historyTab, historyPanel);
        tabs.setSizeFull();
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() == alertsTab) {
                alertsPanel.refresh();
            } else if (e.getSelectedTab() == rulesTab) {
                panel[0].refresh();
            } else if (e.getSelectedTab() == historyTab && !e.isFromClient()) {
                return;
            } else {
                panel[0].refresh();
                historyPanel.setRules(panel[0].rules(), null);
            }
        });
        add(new H2("Alerts"), tabs);
        alertsPanel.refresh();
        panel[0].refresh();
    }
}
