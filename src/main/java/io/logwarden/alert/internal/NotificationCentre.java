package io.logwarden.alert.internal;

import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.InAppNotificationCreated;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Sort;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;

/** Per-user in-app notifications: stored by the IN_APP channel, listed by priority, read/unread. */
public class NotificationCentre implements Consumer<InAppNotification> {

    private final VersionedDocumentStore store;
    private final ApplicationEventPublisher events;

    public NotificationCentre(VersionedDocumentStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /** Stores (idempotently: the id is stable across delivery retries). */
    @Override
    public void accept(InAppNotification notification) {
        store.put(AlertIndices.NOTIFICATIONS, notification.id(), notification);
        events.publishEvent(new InAppNotificationCreated(notification));
    }

    /** Unread first, then higher severity, then newest. */
    public List<InAppNotification> list(String user, int max) {
        return store.search(AlertIndices.NOTIFICATIONS, Map.of("user", user),
                List.of(new Sort("read", false), new Sort("severityRank", true), new Sort("createdAt", true)),
                max, InAppNotification.class).stream().map(Versioned::document).toList();
    }

    public long unread(String user) {
        return store.count(AlertIndices.NOTIFICATIONS, Map.of("user", user, "read", false));
    }

    /** Marks one of the user's notifications read; false when it is not theirs or does not exist. */
    public boolean markRead(String user, String id) {
        return store.get(AlertIndices.NOTIFICATIONS, id, InAppNotification.class)
                .filter(v -> v.document().user().equals(user))
                .map(v -> {
                    if (!v.document().read()) {
                        store.put(AlertIndices.NOTIFICATIONS, id, v.document().markRead());
                    }
                    return true;
                }).orElse(false);
    }

    public int markAllRead(String user) {
        List<Versioned<InAppNotification>> unread = store.search(AlertIndices.NOTIFICATIONS,
                Map.of("user", user, "read", false), List.of(), 1000, InAppNotification.class);
        unread.forEach(v -> store.put(AlertIndices.NOTIFICATIONS, v.id(), v.document().markRead()));
        return unread.size();
    }
}
