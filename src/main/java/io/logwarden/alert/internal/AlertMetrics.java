package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.DeliveryResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The alert feature's counters on {@code /actuator/prometheus}: {@code logwarden_alert_fired_total} and
 * {@code logwarden_alert_resolved_total} by rule kind and severity, and {@code logwarden_alert_deliveries_total} by
 * channel and outcome (every attempt).
 */
public class AlertMetrics {

    public static final AlertMetrics NONE = new AlertMetrics(null);

    private final MeterRegistry registry;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void fired(AlertRule rule) {
        count("logwarden.alert.fired", "Alert groups that started firing", rule);
    }

    void resolved(AlertRule rule) {
        count("logwarden.alert.resolved", "Alert groups that resolved", rule);
    }

    public void delivery(DeliveryResult result) {
        if (registry != null) {
            registry.counter("logwarden.alert.deliveries", "channel", lower(result.channel().name()),
                    "outcome", lower(result.outcome().name())).increment();
        }
    }

    private void count(String name, String description, AlertRule rule) {
        if (registry != null) {
            io.micrometer.core.instrument.Counter.builder(name).description(description)
                    .tag("kind", lower(rule.kind().name())).tag("severity", rule.severity().label())
                    .register(registry).increment();
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
