package io.logwarden.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.security.AccessScope;
import io.logwarden.security.AccessService;
import io.logwarden.security.ApiKeyService;
import io.logwarden.security.Roles;
import io.logwarden.security.UserService;
import io.logwarden.security.UserSummary;
import jakarta.annotation.security.RolesAllowed;
import java.util.Set;
import java.util.TreeSet;

/**
 * Administration of users, their roles and scopes, and of ingest API keys (through {@link UserService} and
 * {@link ApiKeyService}, which check ADMIN again).
 */
@Route("admin")
@PageTitle("Admin · Logwarden")
@Menu(order = 9, icon = "vaadin:cog", title = "Admin")
@RolesAllowed(Roles.ADMIN)
class AdminView extends Main {

    private final UserService users;
    private final Grid<UserSummary> grid = new Grid<>(UserSummary.class, false);
    final ApiKeysPanel apiKeys;

    AdminView(UserService users, ApiKeyService apiKeyService, AccessService access) {
        this.users = users;
        addClassName("admin-view");
        setSizeFull();
        grid.addColumn(UserSummary::username).setHeader("User").setSortable(true);
        grid.addColumn(u -> String.join(", ", new TreeSet<>(u.roles()))).setHeader("Roles");
        grid.addColumn(u -> describe(u.scope())).setHeader("Scope").setFlexGrow(2);
        grid.addColumn(u -> u.enabled() ? "yes" : "no").setHeader("Enabled");
        grid.addColumn(u -> u.createdAt() == null ? "" : u.createdAt().toString()).setHeader("Created");
        grid.addComponentColumn(this::actions).setHeader("");
        Button add = new Button("New user", e -> new UserDialog(null, this::save).open());
        add.addThemeVariants(ButtonVariant.PRIMARY);
        VerticalLayout usersTab = new VerticalLayout(add, grid);
        usersTab.setPadding(false);
        usersTab.setSizeFull();
        apiKeys = new ApiKeysPanel(apiKeyService, () -> access.current().username());
        TabSheet tabs = new TabSheet();
        tabs.add("Users and roles", usersTab);
        tabs.add("API keys", apiKeys);
        tabs.setSizeFull();
        add(new H2("Administration"), tabs);
        refresh();
    }

    private HorizontalLayout actions(UserSummary user) {
        Button edit = new Button("Edit", e -> new UserDialog(user, this::save).open());
        Button delete = new Button("Delete", e -> run(() -> users.delete(user.username()), "Deleted " + user.username()));
        delete.addThemeVariants(ButtonVariant.ERROR);
        return new HorizontalLayout(edit, delete);
    }

    private boolean save(UserDialog.Result result) {
        return run(() -> {
            if (result.existing()) {
                users.update(result.request().username(), result.request());
            } else {
                users.create(result.request());
            }
        }, "Saved " + result.request().username());
    }

    private boolean run(Runnable action, String success) {
        try {
            action.run();
            Notification.show(success).addThemeVariants(NotificationVariant.SUCCESS);
            refresh();
            return true;
        } catch (RuntimeException e) {
            Notification.show(String.valueOf(e.getMessage()), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.ERROR);
            return false;
        }
    }

    private void refresh() {
        grid.setItems(users.list());
    }

    static String describe(AccessScope scope) {
        if (scope.organizations().isEmpty() && scope.services().isEmpty() && scope.categories().isEmpty()) {
            return "everything";
        }
        StringBuilder text = new StringBuilder();
        append(text, "tenants", scope.organizations());
        append(text, "services", scope.services());
        append(text, "categories", scope.categories());
        return text.toString();
    }

    private static void append(StringBuilder text, String label, Set<String> values) {
        if (!values.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append(label).append(": ")
                    .append(String.join(", ", new TreeSet<>(values)));
        }
    }
}
