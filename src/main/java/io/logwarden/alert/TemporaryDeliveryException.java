package io.logwarden.alert;

import java.time.Duration;
import java.util.Optional;

/** A failure that may pass: network error, timeout, HTTP 5xx/429/408, SMTP 4xx. Retried with back-off. */
public final class TemporaryDeliveryException extends DeliveryException {

    private final Duration retryAfter;

    public TemporaryDeliveryException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public TemporaryDeliveryException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** The delay the receiver asked for (HTTP Retry-After, Telegram retry_after), if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
