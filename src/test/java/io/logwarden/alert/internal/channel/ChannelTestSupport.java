package io.logwarden.alert.internal.channel;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.Notification;
import io.logwarden.alert.Severity;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.delivery.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared fixtures for channel tests: a sample notification and a delivery service that records its waits. */
final class ChannelTestSupport {

    static final AlertProperties.Delivery DELIVERY = new AlertProperties.Delivery(4, Duration.ofSeconds(1), 2.0,
            Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private ChannelTestSupport() {
    }

    static Notification notification(String message) {
        return new Notification("n-1", "rule-1", "Payments failing", Severity.HIGH, AlertStatus.FIRING, "checkout",
                "[{{severity}}] {{rule.name}}", message,
                Map.of("value", "12", "threshold", "5", "window", "5m", "event.message", "<b>boom</b> & co"),
                "http://localhost:8080/search?q=x", Instant.parse("2026-11-21T10:00:00Z"), false);
    }

    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    static DeliveryService delivery(RecordingSleeper sleeper, ChannelProvider... providers) {
        return new DeliveryService(new ChannelRegistry(List.of(providers)), DELIVERY, sleeper);
    }
}
