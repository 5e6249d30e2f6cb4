package io.logwarden.alert.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.logwarden.alert.AlertValidationException;

/** Runs a service call from a button and reports the outcome as a toast (text only). */
final class Actions {

    private Actions() {
    }

    static boolean run(Runnable action, String success) {
        try {
            action.run();
            if (success != null) {
                Notification.show(success, 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.SUCCESS);
            }
            return true;
        } catch (AlertValidationException e) {
            error(String.join("\n", e.errors()));
        } catch (RuntimeException e) {
            error(String.valueOf(e.getMessage()));
        }
        return false;
    }

    static void error(String message) {
        Notification.show(message, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.ERROR);
    }
}
