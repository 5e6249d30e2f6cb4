package io.logwarden.alert.internal;

import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.InAppNotificationCreated;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Sort;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;

/** Per-user in-app notifications: stored by the IN_APP channel, listed by priority, read/unread. */
public class NotificationCentre implements Consumer<InAppNotification> {

    private final VersionedDocumentStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public NotificationCentre(VersionedDocumentStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores a new notification and announces it; storing the same id again (a repeated delivery) changes nothing,
     * so a notification already read stays read.
     */
    @Override
    public void accept(InAppNotification notification) {
        InAppNotification stored = notification.deliveredAt(clock.instant());
        if (store.create(AlertIndices.NOTIFICATIONS, stored.id(), stored).isPresent()) {
            events.publishEvent(new InAppNotificationCreated(stored));
        }
    }

    /** Notifications stored (by any instance) after {@code since}, newest first, at most {@code max}. */
    public List<InAppNotification> deliveredSince(Instant since, int max) {
        return store.search(AlertIndices.NOTIFICATIONS, Map.of(), List.of(new Sort("deliveredAt", true)), max,
                        InAppNotification.class).stream().map(Versioned::document)
                .filter(n -> n.deliveredAt() != null && n.deliveredAt().isAfter(since)).toList();
    }

    /**
     * Deletes notifications created before {@code cutoff}, oldest first, at most {@link #PRUNE_MAX} per call (the
     * next hourly run continues); returns how many. Core Elasticsearch has no delete-by-query (it is in the reindex
     * module), so this deletes by id.
     */
    public long prune(Instant cutoff) {
        long deleted = 0;
        while (deleted < PRUNE_MAX) {
            List<Versioned<InAppNotification>> oldest = store.search(AlertIndices.NOTIFICATIONS, Map.of(),
                    List.of(new Sort("createdAt", false)), PRUNE_BATCH, InAppNotification.class);
            List<Versioned<InAppNotification>> expired = oldest.stream()
                    .filter(v -> v.document().createdAt() != null && v.document().createdAt().isBefore(cutoff))
                    .toList();
            expired.forEach(v -> store.delete(AlertIndices.NOTIFICATIONS, v.id()));
            deleted += expired.size();
            if (expired.size() < PRUNE_BATCH) {
                break;
            }
        }
        return deleted;
    }

    static final int PRUNE_BATCH = 500;
    static final int PRUNE_MAX = 20_000;

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
