package io.logwarden.alert.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.logwarden.alert.NotificationService;
import io.logwarden.base.ui.NavbarWidget;

/** Contributes the notification bell to the main layout's navbar. */
@org.springframework.stereotype.Component
class NotificationBellWidget implements NavbarWidget {

    private final NotificationService alerts;
    private final NotificationBroadcaster broadcaster;
    private final AuthenticationContext authentication;

    NotificationBellWidget(NotificationService alerts, NotificationBroadcaster broadcaster,
                           AuthenticationContext authentication) {
        this.alerts = alerts;
        this.broadcaster = broadcaster;
        this.authentication = authentication;
    }

    @Override
    public Component create() {
        return new NotificationBell(alerts, broadcaster, authentication.getPrincipalName().orElse(""));
    }
}
