package io.logwarden.alert.ui;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.InAppNotificationCreated;
import io.logwarden.alert.internal.NotificationCentre;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fans new in-app notifications out to the open notification bells of the recipient: at once for notifications
 * stored on this instance ({@link InAppNotificationCreated}), and, while any bell is open, by looking every
 * {@code logwarden.alert.bell-refresh-interval} for notifications other instances stored (one query per instance,
 * not per bell). Each notification is announced once. Listeners are held weakly: a bell whose UI was closed without a
 * detach event (browser killed) is collected and dropped here, so the singleton never keeps dead UIs alive. The bell
 * itself must hold its listener strongly.
 */
@Component
class NotificationBroadcaster implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationBroadcaster.class);
    /** Clocks of instances differ a little: look back this much further than the last notification seen. */
    static final Duration OVERLAP = Duration.ofSeconds(10);
    private static final int REMEMBERED = 2000;

    /** Receives the notifications of one user; implementations switch to their UI with {@code ui.access}. */
    interface Listener {
        String username();

        void created(InAppNotification notification);
    }

    private final List<WeakReference<Listener>> listeners = new CopyOnWriteArrayList<>();
    private final NotificationCentre centre;
    private final Duration interval;
    private final Map<String, Boolean> announced = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private Instant watermark;
    private ScheduledExecutorService poller;

    NotificationBroadcaster(NotificationCentre centre, AlertProperties properties) {
        this.centre = centre;
        this.interval = properties.bellRefreshInterval();
        this.watermark = Clock.systemUTC().instant();
    }

    /** Registers a listener; the returned handle removes it (also removed once the listener is collected). */
    Runnable register(Listener listener) {
        WeakReference<Listener> ref = new WeakReference<>(listener);
        listeners.add(ref);
        startPolling();
        return () -> listeners.remove(ref);
    }

    int size() {
        listeners.removeIf(ref -> ref.get() == null);
        return listeners.size();
    }

    @EventListener
    void onCreated(InAppNotificationCreated event) {
        announce(event.notification());
    }

    /** Announces the notifications stored by any instance since the last look; returns how many were new. */
    int poll() {
        if (size() == 0) {
            return 0;
        }
        Instant since;
        synchronized (this) {
            since = watermark.minus(OVERLAP);
        }
        int fresh = 0;
        for (InAppNotification n : centre.deliveredSince(since, 500)) {
            synchronized (this) {
                if (n.deliveredAt().isAfter(watermark)) {
                    watermark = n.deliveredAt();
                }
            }
            if (announce(n)) {
                fresh++;
            }
        }
        return fresh;
    }

    private boolean announce(InAppNotification notification) {
        synchronized (announced) {
            if (announced.putIfAbsent(notification.id(), Boolean.TRUE) != null) {
                return false;
            }
        }
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
        return true;
    }

    private synchronized void startPolling() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("bell-refresh").daemon()
                .factory());
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                log.debug("Looking for new notifications failed: {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void destroy() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
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
