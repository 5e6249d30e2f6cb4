package io.logwarden.alert.internal;

import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.HealthChangedEvent;
import io.logwarden.alert.Severity;
import io.logwarden.anomaly.Anomaly;
import io.logwarden.health.ComponentHealth;
import io.logwarden.health.HealthLevel;
import io.logwarden.health.HealthService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * Turns the anomaly feature's events, the health feature's component states and the real search latency into the
 * signals ANOMALY and HEALTH rules evaluate. Health is sampled every {@code logwarden.alert.health-poll-interval}
 * by the alert scheduler, kept in this instance's buffer and shared with the other instances
 * ({@link HealthSignals}).
 */
public class FeatureSignalBridge {

    private static final Logger log = LoggerFactory.getLogger(FeatureSignalBridge.class);

    private final ApplicationEventPublisher events;
    private final HealthService health;
    private final SearchLatencyProbe latency;
    private final HealthSignals shared;
    private final Clock clock;
    private volatile Set<String> components = Set.of(SearchLatencyProbe.COMPONENT);

    FeatureSignalBridge(ApplicationEventPublisher events, HealthService health, SearchLatencyProbe latency,
                        HealthSignals shared, Clock clock) {
        this.events = events;
        this.health = health;
        this.latency = latency;
        this.shared = shared;
        this.clock = clock;
    }

    @EventListener
    void onAnomaly(io.logwarden.anomaly.AnomalyDetectedEvent event) {
        Anomaly anomaly = event.anomaly();
        // kind().id() is the name stored in anomaly documents too, so ANOMALY rules see one detector name
        events.publishEvent(new AnomalyDetectedEvent(anomaly.windowEnd(), anomaly.kind().id(),
                anomaly.entity().key(), anomaly.score(), Severity.valueOf(anomaly.severity().name()),
                anomaly.explanation(), anomaly.entity().service(), anomaly.tenant(), anomaly.id()));
    }

    /** Samples every health component and the search latency, for this instance and the others. */
    public void pollHealth() {
        List<HealthChangedEvent> samples = new ArrayList<>();
        try {
            for (ComponentHealth component : health.components()) {
                Object queryTime = component.details().get("queryTimeMs");
                double value = queryTime instanceof Number n ? n.doubleValue() : 0;
                samples.add(new HealthChangedEvent(clock.instant(), component.name(),
                        component.level() != HealthLevel.HEALTHY, value, component.summary()));
            }
        } catch (RuntimeException e) {
            log.warn("Health poll for HEALTH alert rules failed: {}", e.getMessage());
        }
        samples.add(latency.sample(clock.instant()));
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> names.add(s.component()));
        components = Set.copyOf(names);
        samples.forEach(events::publishEvent);
        try {
            shared.publish(samples);
        } catch (RuntimeException e) {
            log.warn("Sharing health samples with the other instances failed: {}", e.getMessage());
        }
    }

    /** The component names HEALTH rules may watch: the health feature's, search latency, and any reported. */
    public Set<String> components(SignalBuffer reported) {
        Set<String> all = new LinkedHashSet<>(components());
        all.addAll(reported.components());
        return all;
    }

    private Set<String> components() {
        if (components.size() <= 1) {
            try {
                Set<String> names = new LinkedHashSet<>();
                health.components().forEach(c -> names.add(c.name()));
                names.add(SearchLatencyProbe.COMPONENT);
                components = Set.copyOf(names);
            } catch (RuntimeException e) {
                log.debug("Listing health components failed", e);
            }
        }
        return components;
    }
}
