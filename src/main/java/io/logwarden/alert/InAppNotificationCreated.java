package io.logwarden.alert;

/**
 * Spring application event published when an in-app notification is stored, so the UI can push the new unread
 * count to the user's open sessions (Vaadin Push) instead of polling.
 *
 * @param notification the stored notification
 */
public record InAppNotificationCreated(InAppNotification notification) {
}
