package io.logwarden.alert.internal.delivery;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.Notification;

/**
 * One destination of a notification: a rule channel, or one recipient's personal channel, with the notification as
 * that destination may see it.
 *
 * @param label        what is addressed, without secrets ("WEBHOOK hooks.example.org", "EMAIL for alice")
 * @param config       how to send
 * @param notification what to send
 * @param skipReason   why nothing is sent (recipient unknown or not allowed), null to send
 */
public record DeliveryTarget(String label, ChannelConfig config, Notification notification, String skipReason) {

    public static DeliveryTarget send(String label, ChannelConfig config, Notification notification) {
        return new DeliveryTarget(label, config, notification, null);
    }

    public static DeliveryTarget skip(String label, ChannelConfig config, Notification notification, String reason) {
        return new DeliveryTarget(label, config, notification, reason);
    }
}
