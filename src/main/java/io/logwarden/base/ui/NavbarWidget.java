package io.logwarden.base.ui;

import com.vaadin.flow.component.Component;

/**
 * Extension point for the navbar: feature UIs contribute a Spring bean implementing this, and {@link MainLayout}
 * adds one fresh component per layout instance, so base.ui never depends on a feature package.
 */
public interface NavbarWidget {

    /** A new component for one layout instance (one per browser tab); called on the request thread. */
    Component create();

    /** Position among the widgets, lower first. */
    default int order() {
        return 0;
    }
}
