package io.logwarden.alert.internal;

import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.HealthChangedEvent;
import io.logwarden.alert.Severity;
import io.logwarden.anomaly.Anomaly;
import io.logwarden.health.ComponentHealth;
import io.logwarden.health.HealthLevel;
import io.logwarden.health.HealthService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns the anomaly feature's events and the health feature's component states into the signals ANOMALY and HEALTH
 * rules evaluate.
 */
@Component
class FeatureSignalBridge {

    private static final Logger log = LoggerFactory.getLogger(FeatureSignalBridge.class);

    private final ApplicationEventPublisher events;
    private final HealthService health;
    private final Clock clock = Clock.systemUTC();

    FeatureSignalBridge(ApplicationEventPublisher events, HealthService health) {
        this.events = events;
        this.health = health;
    }

    @EventListener
    void onAnomaly(io.logwarden.anomaly.AnomalyDetectedEvent event) {
        Anomaly anomaly = event.anomaly();
        // kind().id() is the name stored in anomaly documents too, so ANOMALY rules see one detector name
        events.publishEvent(new AnomalyDetectedEvent(anomaly.windowEnd(), anomaly.kind().id(),
                anomaly.entity().key(), anomaly.score(), Severity.valueOf(anomaly.severity().name()),
                anomaly.explanation(), anomaly.entity().service(), anomaly.tenant()));
    }

    @Scheduled(fixedDelayString = "${logwarden.alert.health-poll-interval:60s}",
            initialDelayString = "${logwarden.alert.health-poll-interval:60s}")
    void pollHealth() {
        try {
            for (ComponentHealth component : health.components()) {
                Object queryTime = component.details().get("queryTimeMs");
                double value = queryTime instanceof Number n ? n.doubleValue() : 0;
                events.publishEvent(new HealthChangedEvent(clock.instant(), component.name(),
                        component.level() != HealthLevel.HEALTHY, value, component.summary()));
            }
        } catch (RuntimeException e) {
            log.warn("Health poll for HEALTH alert rules failed: {}", e.getMessage());
        }
    }
}
