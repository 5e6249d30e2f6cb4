package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyDetectedEvent;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.storage.AnomalyFeatureQueries;
import io.logwarden.storage.AnomalyRecords;
import io.logwarden.storage.DocumentStore;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One detector cycle: extracts the features of the windows closed since the last cycle (on a cold start, the
 * configured history, learned but not reported), feeds the detectors, records and publishes the anomalies, and
 * saves the baselines every few cycles and on shutdown.
 */
@Component
public class AnomalyCycle {

    /** Result of one cycle, for logs, tests and the benchmark. */
    public record Result(Instant windowsFrom, Instant windowsTo, List<Anomaly> anomalies, int series,
                         Duration took) {
    }

    private static final Logger log = LoggerFactory.getLogger(AnomalyCycle.class);
    private static final int PERSIST_EVERY = 10;

    private final AnomalyProperties properties;
    private final AnomalyFeatureQueries features;
    private final AnomalyRecords records;
    private final BaselinePersistence persistence;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();
    private Detectors detectors;
    private Instant cursor;
    private Instant lastRun;
    private int sincePersist;

    public AnomalyCycle(AnomalyProperties properties, AnomalyFeatureQueries features, AnomalyRecords records,
                        DocumentStore documents, ApplicationEventPublisher events) {
        this.properties = properties;
        this.features = features;
        this.records = records;
        this.persistence = new BaselinePersistence(documents);
        this.events = events;
    }

    /** Ticks often and runs a cycle when {@code logwarden.anomaly.interval} has passed since the last one. */
    @Scheduled(fixedDelay = 5000, initialDelay = 15000)
    void tick() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        if (lastRun != null && now.isBefore(lastRun.plus(properties.interval()))) {
            return;
        }
        try {
            Result r = runCycle(now);
            if (!r.anomalies().isEmpty()) {
                log.info("Anomaly cycle over {} to {}: {} anomalies, {} series, {} ms", r.windowsFrom(),
                        r.windowsTo(), r.anomalies().size(), r.series(), r.took().toMillis());
            }
        } catch (RuntimeException e) {
            log.warn("Anomaly cycle failed, retrying next interval: {}", e.getMessage());
        }
    }

    /** Runs one cycle as if the time were {@code now}. */
    public synchronized Result runCycle(Instant now) {
        long started = System.nanoTime();
        lastRun = now;
        Duration window = properties.window();
        Instant closed = floor(now, window);
        Instant reportAfter;
        if (detectors == null) {
            detectors = new Detectors(properties);
            cursor = persistence.restore(detectors).orElse(null);
        }
        Instant earliest = closed.minus(properties.history());
        if (cursor == null || cursor.isBefore(earliest)) {
            reportAfter = cursor == null ? closed.minus(window) : earliest;
            cursor = floor(earliest, window);
        } else {
            reportAfter = cursor;
        }
        Instant from = cursor;
        List<Anomaly> found = new ArrayList<>();
        int max = properties.maxSeriesPerKind();
        // A day at a time, so a cold start over days of history stays within memory and request sizes.
        for (Instant chunk = from; chunk.isBefore(closed); ) {
            Instant chunkEnd = min(closed, chunk.plus(Duration.ofDays(1)));
            found.addAll(detectors.observeWindows(chunk, chunkEnd, window,
                    features.serviceWindows(chunk, chunkEnd, window, max),
                    features.actionWindows(chunk, chunkEnd, window, max),
                    features.hostWindows(chunk, chunkEnd, window, max), reportAfter, now));
            chunk = chunkEnd;
        }
        found.addAll(detectors.observeJobs(features.jobRuns(now.minus(properties.history()), now, max), from, now));
        cursor = max(cursor, closed);
        records.save(found.stream().map(AnomalyDocuments::toDocument).toList());
        found.forEach(a -> events.publishEvent(new AnomalyDetectedEvent(a)));
        if (++sincePersist >= PERSIST_EVERY) {
            persist(now);
        }
        return new Result(from, closed, found, detectors.seriesCount(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Saves the baselines now. */
    public synchronized void persist(Instant now) {
        if (detectors != null && cursor != null) {
            persistence.save(detectors, cursor, now);
            sincePersist = 0;
        }
    }

    /** Feedback from a review: the anomaly was normal. */
    public synchronized boolean learnNormal(Anomaly a) {
        if (detectors == null) {
            detectors = new Detectors(properties);
            cursor = persistence.restore(detectors).orElse(null);
        }
        return detectors.learnNormal(a);
    }

    /** Forgets the in-memory state; the next cycle restores from the persisted baselines (as after a restart). */
    public synchronized void forgetInMemoryState() {
        detectors = null;
        cursor = null;
        lastRun = null;
    }

    @PreDestroy
    void saveOnShutdown() {
        try {
            persist(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not save anomaly baselines on shutdown: {}", e.getMessage());
        }
    }

    static Instant floor(Instant t, Duration window) {
        long w = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), w) * w);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
