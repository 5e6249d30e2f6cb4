package io.logwarden.alert.internal.delivery;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.DeliveryException;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.DeliveryResult.Outcome;
import io.logwarden.alert.Notification;
import io.logwarden.alert.NotificationChannel;
import io.logwarden.alert.PermanentDeliveryException;
import io.logwarden.alert.TemporaryDeliveryException;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One send of a notification to one channel, classified: delivered, temporary failure (with the receiver's
 * Retry-After if any), permanent failure, or skipped. Nothing here waits or retries: retries are pending deliveries
 * in Elasticsearch ({@code DeliveryOutbox}), so an outage longer than any in-memory budget, or a restart, loses
 * nothing and shutdown never waits on a back-off.
 */
public final class DeliveryService {

    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    /** One attempt's result; {@code retryAfter} is the receiver's requested delay after a temporary failure. */
    public record Attempt(DeliveryResult result, Duration retryAfter) {
    }

    private final ChannelRegistry channels;
    private final AlertProperties.Delivery settings;
    private volatile Consumer<DeliveryResult> listener = result -> { };

    public DeliveryService(ChannelRegistry channels, AlertProperties.Delivery settings) {
        this.channels = channels;
        this.settings = settings;
    }

    /** Called with every attempt's result (metrics). */
    public void onResult(Consumer<DeliveryResult> listener) {
        this.listener = listener;
    }

    /** Sends once on the calling thread; never throws. {@code attempt} is the number of this attempt (1 = first). */
    public Attempt attempt(ChannelConfig config, Notification notification, String target, int attempt) {
        Attempt result = send(config, notification, target, attempt);
        try {
            listener.accept(result.result());
        } catch (RuntimeException e) {
            log.debug("Delivery listener failed", e);
        }
        return result;
    }

    private Attempt send(ChannelConfig config, Notification notification, String target, int attempt) {
        if (!config.accepts(notification.severity())) {
            return new Attempt(new DeliveryResult(config.type(), Outcome.SKIPPED, attempt - 1,
                    "severity " + notification.severity().label() + " below the channel's minimum", target), null);
        }
        NotificationChannel channel;
        try {
            channel = channels.open(config);
        } catch (RuntimeException e) {
            return new Attempt(new DeliveryResult(config.type(), Outcome.FAILED_PERMANENT, attempt,
                    e.getMessage(), target), null);
        }
        try {
            channel.send(notification);
            return new Attempt(new DeliveryResult(config.type(), Outcome.DELIVERED, attempt, null, target), null);
        } catch (PermanentDeliveryException e) {
            log.warn("Notification {} to {} failed permanently: {}", notification.id(), target, e.getMessage());
            return new Attempt(new DeliveryResult(config.type(), Outcome.FAILED_PERMANENT, attempt,
                    e.getMessage(), target), null);
        } catch (TemporaryDeliveryException e) {
            log.info("Notification {} to {} failed (attempt {}): {}", notification.id(), target, attempt,
                    e.getMessage());
            return new Attempt(new DeliveryResult(config.type(), Outcome.FAILED_TEMPORARY, attempt,
                    e.getMessage(), target), e.retryAfter().orElse(null));
        } catch (DeliveryException e) {
            throw new IllegalStateException("unknown delivery failure kind", e);
        } catch (RuntimeException e) {
            log.error("Notification {} to {}: channel bug", notification.id(), target, e);
            return new Attempt(new DeliveryResult(config.type(), Outcome.FAILED_PERMANENT, attempt, e.toString(),
                    target), null);
        }
    }

    /** Passes a result decided without an attempt (expiry) to the listener. */
    public void report(DeliveryResult result) {
        try {
            listener.accept(result);
        } catch (RuntimeException e) {
            log.debug("Delivery listener failed", e);
        }
    }

    /** Wait after the {@code attempt}-th failure: back-off, or the receiver's Retry-After when longer; capped. */
    public Duration waitAfter(int attempt, Duration retryAfter) {
        Duration backoff = backoffFor(attempt);
        Duration wait = retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    /** The back-off after the {@code attempt}-th failure: initial * multiplier^(attempt-1), capped. */
    public Duration backoffFor(int attempt) {
        double millis = settings.initialBackoff().toMillis() * Math.pow(settings.multiplier(), attempt - 1);
        return Duration.ofMillis((long) Math.min(millis, settings.maxBackoff().toMillis()));
    }

    public AlertProperties.Delivery settings() {
        return settings;
    }
}
