package io.logwarden.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import org.springframework.beans.factory.ObjectProvider;

/** The frame around every view: title bar with the features' {@link NavbarWidget}s, the user and log-out, and the navigation drawer. */
@Layout
@PermitAll
public final class MainLayout extends AppLayout {

    MainLayout(AuthenticationContext authentication, ObjectProvider<NavbarWidget> widgets) {
        Span title = new Span("Logwarden");
        title.addClassName("app-title");
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.setWidthFull();
        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.addClassName("current-user");
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button theme = new Button(VaadinIcon.ADJUST.create(), e -> e.getSource().getUI().ifPresent(ThemeState::toggle));
        theme.setId("theme-toggle");
        theme.setAriaLabel("Dark / light");
        theme.setTooltipText("Dark / light");
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout right = new HorizontalLayout(theme);
        widgets.orderedStream().sorted(Comparator.comparingInt(NavbarWidget::order))
                .forEach(widget -> right.add(widget.create()));
        right.add(user, logout);
        right.setAlignItems(FlexComponent.Alignment.CENTER);
        right.addClassName("user-menu");
        bar.add(right);
        bar.expand(title);
        addToNavbar(bar);
        addToDrawer(navigation());
        setPrimarySection(Section.DRAWER);
    }

    /** Every page shows the session's light/dark choice, whichever view it opens on. */
    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        ThemeState.apply(attachEvent.getUI());
    }

    /**
     * Built from the views' {@code @Menu} annotations, filtered by what the user may open; a view whose route
     * extends another's ({@code admin/ingest} under {@code admin}) is nested under it.
     */
    private static SideNav navigation() {
        SideNav nav = new SideNav();
        java.util.Map<String, SideNavItem> byPath = new java.util.HashMap<>();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = entry.icon() == null ? new SideNavItem(entry.title(), entry.path())
                    : new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()));
            String path = entry.path().replaceAll("^/+", "");
            int slash = path.lastIndexOf('/');
            SideNavItem parent = slash < 0 ? null : byPath.get(path.substring(0, slash));
            if (parent != null) {
                parent.addItem(item);
                parent.setExpanded(true);
            } else {
                nav.addItem(item);
            }
            byPath.put(path, item);
        }
        return nav;
    }
}
