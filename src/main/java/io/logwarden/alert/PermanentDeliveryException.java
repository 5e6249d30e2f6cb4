package io.logwarden.alert;

/** A failure that retrying cannot fix: bad credentials, HTTP 4xx, rejected recipient, missing SMTP server. */
public final class PermanentDeliveryException extends DeliveryException {

    public PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentDeliveryException(String message) {
        this(message, null);
    }
}
