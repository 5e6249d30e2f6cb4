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
import io.logwarden.security.Roles;
import jakarta.annotation.security.PermitAll;

/**
 * Alerts: firing and recent alert groups, the rules with their editor, and each rule's history. Everything goes
 * through {@link AlertRuleService}, which checks roles again and limits non-admins to their own rules.
 */
@Route("alerts")
@PageTitle("Alerts · Logwarden")
@Menu(order = 4, icon = "vaadin:bell", title = "Alerts")
@PermitAll
class AlertsView extends Main {

    AlertsView(AlertRuleService alerts, AuthenticationContext authentication) {
        // the service checks again; this only hides buttons a read-only role could not use
        boolean canWrite = authentication.hasAnyRole(Roles.ADMIN, Roles.OPERATIONS, Roles.ANALYST);
        addClassName("alerts-view");
        setSizeFull();
        AlertsPanel alertsPanel = new AlertsPanel(alerts, canWrite);
        HistoryPanel historyPanel = new HistoryPanel(alerts);
        TabSheet tabs = new TabSheet();
        RulesPanel[] rules = new RulesPanel[1];
        Tab alertsTab = tabs.add("Alerts", alertsPanel);
        Tab historyTab = new Tab("History");
        rules[0] = new RulesPanel(alerts, canWrite, rule -> {
            historyPanel.setRules(rules[0].rules(), rule);
            tabs.setSelectedTab(historyTab);
        });
        Tab rulesTab = tabs.add("Rules", rules[0]);
        tabs.add(historyTab, historyPanel);
        tabs.setSizeFull();
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() == alertsTab) {
                alertsPanel.refresh();
            } else if (e.getSelectedTab() == rulesTab) {
                rules[0].refresh();
            } else if (e.getSelectedTab() == historyTab && !e.isFromClient()) {
                return;
            } else {
                rules[0].refresh();
                historyPanel.setRules(rules[0].rules(), null);
            }
        });
        add(new H2("Alerts"), tabs);
        alertsPanel.refresh();
        rules[0].refresh();
    }
}
