package io.logwarden.export.ui;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.base.ui.ComingSoon;
import jakarta.annotation.security.PermitAll;

/** Exports: placeholder until its issue is done. */
@Route("exports")
@PageTitle("Exports · Logwarden")
@Menu(order = 5, icon = "vaadin:download", title = "Exports")
@PermitAll
class ExportsView extends Main {

    ExportsView() {
        add(new ComingSoon("Exports", "Uncapped, audited and signed exports arrive with issue #9."));
    }
}
