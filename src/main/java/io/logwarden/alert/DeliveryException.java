package io.logwarden.alert;

/**
 * A channel could not deliver a notification. The two subclasses say whether trying again may help:
 * only {@link TemporaryDeliveryException} is retried.
 */
public abstract sealed class DeliveryException extends Exception
        permits TemporaryDeliveryException, PermanentDeliveryException {

    protected DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
