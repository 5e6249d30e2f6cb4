package io.logwarden.alert.ui;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.base.ui.ComingSoon;
import jakarta.annotation.security.PermitAll;

/** Alerts: placeholder until its issue is done. */
@Route("alerts")
@PageTitle("Alerts · Logwarden")
@Menu(order = 4, icon = "vaadin:bell", title = "Alerts")
@PermitAll
class AlertsView extends Main {

    AlertsView() {
        add(new ComingSoon("Alerts", "Alert rules, channels and the notification centre arrive with issue #8."));
    }
}
