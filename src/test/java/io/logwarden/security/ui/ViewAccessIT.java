package io.logwarden.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import io.logwarden.security.AccessScope;
import io.logwarden.security.ApiKey;
import io.logwarden.security.ApiKeyService;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Browserless (no browser, real services and Elasticsearch): every view restricted by {@code @RolesAllowed} refuses
 * the roles it does not name, read from the route registry so new views are covered; and the admin's API key tab.
 */
@LogwardenIntegrationTest
class ViewAccessIT extends SpringBrowserlessTest {

    @BeforeAll
    static void accounts(@Autowired DocumentStore store) {
        AccessScope acme = new AccessScope(Set.of("acme"), Set.of(), Set.of());
        for (String role : Roles.ALL) {
            String name = "bl-" + role.toLowerCase();
            store.save(IndexNames.USERS, name, new UserAccount(name, "{noop}unused", Set.of(role),
                    Roles.SCOPED.contains(role) ? acme : AccessScope.EVERYTHING, true, Instant.now()));
        }
    }

    /** Views restricted to some roles, and the role tried: the views it may not open must not open. */
    private List<String> opensRestrictedViewsItMayNot(String role) {
        List<String> wrong = new ArrayList<>();
        List<RouteData> routes = ApplicationRouteRegistry.getInstance(VaadinService.getCurrent().getContext())
                .getRegisteredRoutes();
        int restricted = 0;
        for (RouteData route : routes) {
            RolesAllowed allowed = route.getNavigationTarget().getAnnotation(RolesAllowed.class);
            if (allowed == null || route.getTemplate().contains(":")) {
                continue;
            }
            restricted++;
            boolean mayOpen = Arrays.asList(allowed.value()).contains(role);
            try {
                navigate(route.getTemplate(), Component.class);
            } catch (RuntimeException refused) {
                // navigation ended elsewhere (error view or login): refused
            }
            boolean opened = route.getNavigationTarget().isInstance(getCurrentView());
            if (opened != mayOpen) {
                wrong.add(route.getTemplate() + (opened ? " opened" : " refused"));
            }
        }
        assertThat(restricted).as("restricted views found in the registry").isGreaterThanOrEqualTo(3);
        return wrong;
    }

    @Test
    @WithMockUser(username = "bl-viewer", roles = Roles.VIEWER)
    void a_viewer_is_refused_every_view_not_granted_to_viewers() {
        assertThat(opensRestrictedViewsItMayNot(Roles.VIEWER)).isEmpty();
        assertThat(openedAs("admin")).isFalse();
        assertThat(openedAs("audit")).isFalse();
    }

    @Test
    @WithMockUser(username = "bl-analyst", roles = Roles.ANALYST)
    void an_analyst_is_refused_every_view_not_granted_to_analysts() {
        assertThat(opensRestrictedViewsItMayNot(Roles.ANALYST)).isEmpty();
        assertThat(openedAs("admin")).isFalse();
    }

    @Test
    @WithMockUser(username = "bl-operations", roles = Roles.OPERATIONS)
    void operations_are_refused_every_view_not_granted_to_operations() {
        assertThat(opensRestrictedViewsItMayNot(Roles.OPERATIONS)).isEmpty();
        assertThat(openedAs("admin")).isFalse();
    }

    private boolean openedAs(String template) {
        try {
            navigate(template, Component.class);
        } catch (RuntimeException refused) {
            return false;
        }
        return getCurrentView().getClass().getSimpleName().equalsIgnoreCase(template + "View");
    }

    @Test
    @WithMockUser(username = "admin", roles = Roles.ADMIN)
    void an_admin_creates_sees_once_and_revokes_an_api_key(@Autowired ApiKeyService keys) {
        AdminView view = navigate(AdminView.class);
        $(com.vaadin.flow.component.tabs.TabSheet.class).single().setSelectedIndex(1);
        roundTrip();
        test(view.apiKeys.name).setValue("browserless-sender");
        test(view.apiKeys.create).click();

        Dialog shown = $(Dialog.class).single();
        String value = $(TextField.class, shown).withClassName("created-api-key").single().getValue();
        assertThat(value).startsWith("lw_");
        assertThat(keys.verify(value)).isPresent();
        ApiKey listed = view.apiKeys.grid.getGenericDataView().getItems()
                .filter(k -> k.name().equals("browserless-sender")).findFirst().orElseThrow();
        assertThat(listed.isActive()).isTrue();
        assertThat(view.apiKeys.grid.getGenericDataView().getItems().map(Object::toString))
                .noneMatch(s -> s.contains(value.substring(value.lastIndexOf('_') + 1)));
        test($(Button.class, shown).withText("Done").single()).click();

        var grid = test(view.apiKeys.grid);
        int row = 0;
        while (!grid.getRow(row).id().equals(listed.id())) {
            row++;
        }
        test((Button) grid.getCellComponent(row, 5)).click();
        ConfirmDialog confirm = $(ConfirmDialog.class).single();
        test(confirm).confirm();
        assertThat(keys.verify(value)).isEmpty();
    }
}
