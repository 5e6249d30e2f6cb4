package io.logwarden.alert.internal.channel;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.Notification;
import io.logwarden.alert.Severity;
import io.logwarden.alert.internal.delivery.DeliveryService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared fixtures for channel tests: a sample notification and a driver that retries like the outbox, in memory. */
final class ChannelTestSupport {

    static final AlertProperties.Delivery DELIVERY = new AlertProperties.Delivery(4, Duration.ofSeconds(1), 2.0,
            Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5), null, null);

    private ChannelTestSupport() {
    }

    static Notification notification(String message) {
        return new Notification("n-1", "rule-1", "Payments failing", Severity.HIGH, AlertStatus.FIRING, "checkout",
                "[{{severity}}] {{rule.name}}", message,
                Map.of("value", "12", "threshold", "5", "window", "5m", "event.message", "<b>boom</b> & co"),
                "http://localhost:8080/search?q=x", Instant.parse("2026-11-21T10:00:05Z"), false);
    }

    /**
     * Sends through the real {@link DeliveryService} one attempt at a time, retrying temporary failures up to
     * {@code maxAttempts} and recording the waits the outbox would schedule in between (without waiting).
     */
    static final class Driver {
        final DeliveryService service;
        final List<Duration> waits = new ArrayList<>();

        Driver(DeliveryService service) {
            this.service = service;
        }

        DeliveryResult deliver(ChannelConfig config, Notification notification) {
            for (int attempt = 1; ; attempt++) {
                DeliveryService.Attempt a = service.attempt(config, notification, config.type().name(), attempt);
                if (a.result().finished() || attempt >= DELIVERY.maxAttempts()) {
                    return a.result();
                }
                waits.add(service.waitAfter(attempt, a.retryAfter()));
            }
        }
    }

    static Driver driver(ChannelProvider... providers) {
        return new Driver(new DeliveryService(new ChannelRegistry(List.of(providers)), DELIVERY));
    }
}
