package io.logwarden.security.ui;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.base.ui.ComingSoon;
import io.logwarden.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/** Administration: users, roles, API keys, audit trail, retention. */
@Route("admin")
@PageTitle("Admin · Logwarden")
@Menu(order = 9, icon = "vaadin:cog", title = "Admin")
@RolesAllowed(Roles.ADMIN)
class AdminView extends Main {

    AdminView() {
        add(new ComingSoon("Admin", "User and role management, API keys, the platform audit trail and retention "
                + "settings arrive with the security (#4), ingestion (#3) and retention (#9) work."));
    }
}
