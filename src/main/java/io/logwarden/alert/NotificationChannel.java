package io.logwarden.alert;

/**
 * One configured destination (an email list, a webhook URL, a chat...). Implementations do one attempt;
 * retries and back-off are the delivery service's job, driven by the exception type.
 */
@FunctionalInterface
public interface NotificationChannel {

    /**
     * Sends the notification once.
     *
     * @throws TemporaryDeliveryException when a later attempt may succeed
     * @throws PermanentDeliveryException when it cannot succeed without a configuration change
     */
    void send(Notification notification) throws DeliveryException;
}
