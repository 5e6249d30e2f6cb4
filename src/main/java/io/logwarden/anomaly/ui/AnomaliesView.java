package io.logwarden.anomaly.ui;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.base.ui.ComingSoon;
import jakarta.annotation.security.PermitAll;

/** Anomalies: placeholder until its issue is done. */
@Route("anomalies")
@PageTitle("Anomalies · Logwarden")
@Menu(order = 3, icon = "vaadin:flash", title = "Anomalies")
@PermitAll
class AnomaliesView extends Main {

    AnomaliesView() {
        add(new ComingSoon("Anomalies", "Anomaly scores from the Smile detectors (slow operations, error-rate spikes, stuck jobs, silent sources) arrive with issue #7."));
    }
}
