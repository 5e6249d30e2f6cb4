package io.logwarden.analytics.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.theme.lumo.Lumo;

/** The user's light/dark choice, kept in the session and applied as Lumo's dark variant on the page. */
final class ThemeState {

    private static final String ATTRIBUTE = "logwarden.theme.dark";

    private ThemeState() {
    }

    static boolean isDark() {
        VaadinSession session = VaadinSession.getCurrent();
        return session != null && Boolean.TRUE.equals(session.getAttribute(ATTRIBUTE));
    }

    /** Switches the variant; returns whether it is now dark. */
    static boolean toggle(UI ui) {
        boolean dark = !isDark();
        ui.getSession().setAttribute(ATTRIBUTE, dark);
        apply(ui);
        return dark;
    }

    static void apply(UI ui) {
        boolean dark = Boolean.TRUE.equals(ui.getSession().getAttribute(ATTRIBUTE));
        ui.getPage().executeJs("document.documentElement.setAttribute('theme', $0)", dark ? Lumo.DARK : "");
    }
}
