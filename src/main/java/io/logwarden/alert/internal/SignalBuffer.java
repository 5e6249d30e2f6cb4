package io.logwarden.alert.internal;

import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.HealthChangedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.context.event.EventListener;

/**
 * Keeps the anomaly and health events of the last day that this instance received, for ANOMALY and HEALTH rules.
 * Bounded: the oldest entries go first when full.
 */
public class SignalBuffer {

    private static final int MAX = 10_000;
    private static final Duration KEEP = Duration.ofDays(1);

    private final Deque<AnomalyDetectedEvent> anomalies = new ArrayDeque<>();
    private final Deque<HealthChangedEvent> health = new ArrayDeque<>();

    @EventListener
    public synchronized void onAnomaly(AnomalyDetectedEvent event) {
        add(anomalies, event);
    }

    @EventListener
    public synchronized void onHealth(HealthChangedEvent event) {
        add(health, event);
    }

    private static <T> void add(Deque<T> deque, T event) {
        if (deque.size() >= MAX) {
            deque.pollFirst();
        }
        deque.addLast(event);
    }

    public synchronized List<AnomalyDetectedEvent> anomalies(Instant from, Instant to) {
        anomalies.removeIf(e -> e.timestamp().isBefore(to.minus(KEEP)));
        return anomalies.stream().filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to)).toList();
    }

    /** Components reported within the last day (by this instance's health poll or other features' events). */
    public synchronized java.util.Set<String> components() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        health.forEach(e -> names.add(e.component()));
        return names;
    }

    /** Health reports up to {@code to}: the latest per component decides, however old it is (within a day). */
    public synchronized List<HealthChangedEvent> health(Instant to) {
        health.removeIf(e -> e.timestamp().isBefore(to.minus(KEEP)));
        return health.stream().filter(e -> !e.timestamp().isAfter(to)).toList();
    }
}
