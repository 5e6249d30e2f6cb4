package io.logwarden.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.Lumo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The user's light/dark choice, kept in the session and applied as Lumo's dark variant on every page by
 * {@link MainLayout}. Components that draw their own colours (charts) register a listener to restyle on a change.
 */
public final class ThemeState {

    private static final String ATTRIBUTE = "logwarden.theme.dark";

    private ThemeState() {
    }

    /** The choice of the current session (false outside a session). */
    public static boolean isDark() {
        VaadinSession session = VaadinSession.getCurrent();
        return session != null && Boolean.TRUE.equals(session.getAttribute(ATTRIBUTE));
    }

    /** Switches the variant for the whole session, restyles this page's listeners; returns whether it is dark. */
    public static boolean toggle(UI ui) {
        boolean dark = !Boolean.TRUE.equals(ui.getSession().getAttribute(ATTRIBUTE));
        ui.getSession().setAttribute(ATTRIBUTE, dark);
        apply(ui);
        listeners(ui).forEach(l -> l.accept(dark));
        return dark;
    }

    /** Puts the session's choice on the page ({@code <html theme="dark">}). */
    public static void apply(UI ui) {
        boolean dark = Boolean.TRUE.equals(ui.getSession().getAttribute(ATTRIBUTE));
        ui.getPage().executeJs("document.documentElement.setAttribute('theme', $0)", dark ? Lumo.DARK : "");
    }

    /** Calls {@code listener} with the new choice whenever it changes on this page. */
    public static Registration addListener(UI ui, Consumer<Boolean> listener) {
        List<Consumer<Boolean>> listeners = listeners(ui);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @SuppressWarnings("unchecked")
    private static List<Consumer<Boolean>> listeners(UI ui) {
        List<Consumer<Boolean>> listeners = (List<Consumer<Boolean>>) ComponentUtil.getData(ui, ATTRIBUTE);
        if (listeners == null) {
            listeners = new CopyOnWriteArrayList<>();
            ComponentUtil.setData(ui, ATTRIBUTE, listeners);
        }
        return listeners;
    }
}
