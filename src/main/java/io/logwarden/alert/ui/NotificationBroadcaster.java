package io.logwarden.alert.ui;

import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.InAppNotificationCreated;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fans {@link InAppNotificationCreated} out to the open notification bells of the recipient. Listeners are held
 * weakly: a bell whose UI was closed without a detach event (browser killed) is collected and dropped here, so
 * the singleton never keeps dead UIs alive. The bell itself must hold its listener strongly.
 */
@Component
class NotificationBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(NotificationBroadcaster.class);

    /** Receives the notifications of one user; implementations switch to their UI with {@code ui.access}. */
    interface Listener {
        String username();

        void created(InAppNotification notification);
    }

    private final List<WeakReference<Listener>> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener; the returned handle removes it (also removed once the listener is collected). */
    Runnable register(Listener listener) {
        WeakReference<Listener> ref = new WeakReference<>(listener);
        listeners.add(ref);
        return () -> listeners.remove(ref);
    }

    int size() {
        listeners.removeIf(ref -> ref.get() == null);
        return listeners.size();
    }

    @EventListener
    void onCreated(InAppNotificationCreated event) {
        InAppNotification notification = event.notification();
        listeners.removeIf(ref -> ref.get() == null);
        for (WeakReference<Listener> ref : listeners) {
            Listener listener = ref.get();
            if (listener != null && notification.user() != null && notification.user().equals(listener.username())) {
                try {
                    listener.created(notification);
                } catch (RuntimeException e) {
                    // one broken UI must not keep the notification from the user's other tabs
                    log.debug("Notification bell update failed", e);
                    listeners.remove(ref);
                }
            }
        }
    }

    /** Convenience for tests and simple listeners. */
    static Listener listener(String username, Consumer<InAppNotification> action) {
        return new Listener() {
            @Override
            public String username() {
                return username;
            }

            @Override
            public void created(InAppNotification notification) {
                action.accept(notification);
            }
        };
    }
}
