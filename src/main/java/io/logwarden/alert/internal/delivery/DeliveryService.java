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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a notification to a channel: temporary failures are retried with exponential back-off (a receiver's
 * Retry-After wins when longer, both capped by {@code maxBackoff}); permanent failures stop at once.
 * Each notification carries one id for all its attempts, so receivers can drop duplicates of a retried send.
 */
public final class DeliveryService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    private final ChannelRegistry channels;
    private final AlertProperties.Delivery settings;
    private final Sleeper sleeper;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Consumer<DeliveryResult> listener = result -> { };

    public DeliveryService(ChannelRegistry channels, AlertProperties.Delivery settings, Sleeper sleeper) {
        this.channels = channels;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    /** Called with every final result (metrics). */
    public void onResult(Consumer<DeliveryResult> listener) {
        this.listener = listener;
    }

    /** Delivers on the calling thread, retrying as configured; never throws. */
    public DeliveryResult deliver(ChannelConfig config, Notification notification) {
        DeliveryResult result = attempt(config, notification);
        try {
            listener.accept(result);
        } catch (RuntimeException e) {
            log.debug("Delivery listener failed", e);
        }
        return result;
    }

    private DeliveryResult attempt(ChannelConfig config, Notification notification) {
        if (!config.accepts(notification.severity())) {
            return new DeliveryResult(config.type(), Outcome.SKIPPED, 0,
                    "severity " + notification.severity().label() + " below channel minimum");
        }
        NotificationChannel channel;
        try {
            channel = channels.open(config);
        } catch (RuntimeException e) {
            return new DeliveryResult(config.type(), Outcome.FAILED_PERMANENT, 0, e.getMessage());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                channel.send(notification);
                if (attempt > 1) {
                    log.info("Notification {} delivered over {} after {} attempts", notification.id(),
                            config.type(), attempt);
                }
                return new DeliveryResult(config.type(), Outcome.DELIVERED, attempt, null);
            } catch (PermanentDeliveryException e) {
                log.warn("Notification {} over {} failed permanently: {}", notification.id(), config.type(),
                        e.getMessage());
                return new DeliveryResult(config.type(), Outcome.FAILED_PERMANENT, attempt, e.getMessage());
            } catch (TemporaryDeliveryException e) {
                if (attempt >= settings.maxAttempts()) {
                    log.warn("Notification {} over {} gave up after {} attempts: {}", notification.id(),
                            config.type(), attempt, e.getMessage());
                    return new DeliveryResult(config.type(), Outcome.FAILED_RETRIES_EXHAUSTED, attempt,
                            e.getMessage());
                }
                Duration wait = waitAfter(attempt, e);
                log.info("Notification {} over {} failed (attempt {}), retrying in {}: {}", notification.id(),
                        config.type(), attempt, wait, e.getMessage());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return new DeliveryResult(config.type(), Outcome.FAILED_RETRIES_EXHAUSTED, attempt,
                            "interrupted while waiting to retry: " + e.getMessage());
                }
            } catch (DeliveryException e) {
                throw new IllegalStateException("unknown delivery failure kind", e);
            } catch (RuntimeException e) {
                log.error("Notification {} over {}: channel bug", notification.id(), config.type(), e);
                return new DeliveryResult(config.type(), Outcome.FAILED_PERMANENT, attempt, e.toString());
            }
        }
    }

    /** Exponential back-off, or the receiver's Retry-After when that is longer; never above maxBackoff. */
    Duration waitAfter(int attempt, TemporaryDeliveryException e) {
        Duration backoff = backoffFor(attempt);
        Duration wait = e.retryAfter().filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    /** The back-off after the {@code attempt}-th failure: initial * multiplier^(attempt-1), capped. */
    Duration backoffFor(int attempt) {
        double millis = settings.initialBackoff().toMillis() * Math.pow(settings.multiplier(), attempt - 1);
        return Duration.ofMillis((long) Math.min(millis, settings.maxBackoff().toMillis()));
    }

    /** Delivers to every channel in parallel on virtual threads. */
    public CompletableFuture<List<DeliveryResult>> deliverAll(List<ChannelConfig> configs, Notification n) {
        List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
        for (ChannelConfig config : configs) {
            futures.add(CompletableFuture.supplyAsync(() -> deliver(config, n), executor));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public void close() {
        executor.close();
    }
}
